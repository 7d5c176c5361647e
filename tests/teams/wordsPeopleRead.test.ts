/**
 * Words people read carry no policy citations: the seed lines each rule comes from stay in the code
 * (`source` fields) and never reach a chat answer, a card, the side panel or the details tab. Renders
 * every surface that is cheap to reach, for every preset, and reads the text a person would see.
 */
import { strict as assert } from 'node:assert';
import type { Viewer } from '../../bot/src/app/permissions.js';
import { checklistReminder } from '../../bot/src/app/lessonRoutines/checklistReminder.js';
import type { MeetingOptionsReport } from '../../bot/src/app/meetingControl/checkMeetingOptions.js';
import { planSettings } from '../../bot/src/app/meetingControl/planSettings.js';
import { CHECKLIST_LABELS } from '../../bot/src/app/sidePanel/checklist.js';
import { pupilCheckDefinitions } from '../../bot/src/app/sidePanel/pupilChecks.js';
import { buildPolicyView } from '../../bot/src/app/sidePanel/policyView.js';
import { policyFromPreset, PRESET_NAMES } from '../../bot/src/domain/policy/presets.js';
import { manualStepsFinding, settingsChangedFinding } from '../../bot/src/domain/rules/meetingOptions.js';
import { scheduledAhead } from '../../bot/src/domain/rules/scheduledAhead.js';
import { emptyMeeting } from '../../bot/src/domain/reducer.js';
import { PUPIL_CHECKS } from '../../bot/src/domain/types.js';
import { codeOfConductActivity } from '../../bot/src/teams/alerts/alertCards.js';
import { meetingCheckCard, meetingCheckPreview } from '../../bot/src/teams/cards/meetingCheckCard.js';
import { COMMANDS } from '../../bot/src/teams/messages/commandTable.js';
import type { CommandDeps } from '../../bot/src/teams/messages/commandTypes.js';
import type { ChatTurn } from '../../bot/src/teams/messages/parseTurn.js';

const CITATION = /\bseed\b/i;
const presets = PRESET_NAMES.map((name) => ({ name, policy: policyFromPreset(name) }));

const teacher: Viewer = { tenantId: 't', aadObjectId: 'aad-teacher', name: 'Ms Teacher', standing: 'staff' };
const person = { tenantId: 't', teamsId: '29:teacher', aadObjectId: 'aad-teacher', name: 'Ms Teacher' };
const turn: ChatTurn = { tenantId: 't', person, personal: true, text: 'policy' };

/** The `policy` command's answer under `policy`, as the teacher reads it. */
async function policyAnswer(policy: ReturnType<typeof policyFromPreset>): Promise<string> {
  const reply = await COMMANDS.policy!.run({} as CommandDeps, { turn, viewer: teacher, policy, args: '' });
  return reply.text ?? '';
}

/**
 * The `check` answer for an open meeting, with Graph (planned changes) and without (manual steps and scheduling
 * findings).
 */
function meetingCheckText(policy: ReturnType<typeof policyFromPreset>): string {
  const plan = planSettings(policy, {
    lobbyScope: 'everyone',
    dialInBypass: true,
    allowedPresenters: 'everyone',
    attendeeMicAllowed: true,
  });
  const scheduling = scheduledAhead.evaluate(
    policy,
    { ...emptyMeeting('t', 'm'), meetingType: 'MeetNow', createdAt: 0, scheduledStart: 60_000 },
    60_000,
  );
  const reports: MeetingOptionsReport[] = [
    {
      title: 'Year 5 maths',
      graph: true,
      changes: plan.changes,
      findings: [settingsChangedFinding(plan.changes), ...scheduling],
    },
    {
      title: 'Year 5 maths',
      graph: false,
      changes: [],
      findings: [manualStepsFinding(policy, 'Chaperone cannot read meeting options here.'), ...scheduling],
    },
  ];
  assert.ok(
    plan.changes.every((c) => CITATION.test(c.source)),
    'the code keeps its citations',
  );
  return reports.map((r) => `${meetingCheckPreview(r)}\n${JSON.stringify(meetingCheckCard(r))}`).join('\n');
}

describe('teams: words people read', () => {
  for (const { name, policy } of presets) {
    it(`"${name}": the policy answer, the check card, the checklist reminder, the panel labels and the welcome card cite no seed`, async () => {
      const surfaces: Record<string, string> = {
        'policy command': await policyAnswer(policy),
        'meeting check card': meetingCheckText(policy),
        'checklist reminder': JSON.stringify(checklistReminder(policy, 'Year 5 maths')),
        'details tab view': JSON.stringify({
          ...buildPolicyView(policy),
          lines: buildPolicyView(policy).lines.map((l) => l.text),
        }),
        'side panel labels': JSON.stringify([Object.values(CHECKLIST_LABELS), pupilCheckDefinitions(PUPIL_CHECKS)]),
        'code of conduct card': JSON.stringify(codeOfConductActivity(policy.codeOfConduct)),
      };
      for (const [surface, text] of Object.entries(surfaces)) {
        assert.ok(text.length > 20, `${surface} rendered`);
        assert.doesNotMatch(text, CITATION, surface);
      }
    });
  }

  it('the policy answer names the school when configured, and says "your school" (never the placeholder) when not', async () => {
    const unnamed = await policyAnswer(policyFromPreset('strict'));
    assert.match(unnamed, /Live lesson policy of your school/);
    assert.doesNotMatch(unnamed, /Our school/);
    const named = await policyAnswer(policyFromPreset('strict', { school: { name: 'Oakfield Primary (sample)' } }));
    assert.match(named, /Live lesson policy of Oakfield Primary \(sample\)/);
  });

  it('the pupil checks say a parent or carer is in the room, as the policies do, never just "at home"', () => {
    for (const { policy } of presets.filter((p) => p.policy.pupilChecks.parentPresent)) {
      const reminder = checklistReminder(policy, 'Year 5 maths').lines.join('\n');
      assert.match(reminder, /parent or carer is in the room with the pupil/);
      assert.doesNotMatch(reminder, /at home/);
    }
    assert.match(pupilCheckDefinitions(['parentPresent'])[0]!.label, /in the room/);
  });

  it('a check without Graph never previews a count of changes it could not plan', () => {
    const policy = policyFromPreset('strict');
    const findings = [manualStepsFinding(policy, 'Chaperone cannot read meeting options here.')];
    const report: MeetingOptionsReport = { title: 'Year 5 maths', graph: false, changes: [], findings };
    assert.doesNotMatch(meetingCheckPreview(report), /\d+ changes? planned/);
    assert.match(meetingCheckPreview(report), /check the options yourself/);
  });
});
