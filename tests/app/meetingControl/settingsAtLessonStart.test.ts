import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardsTo } from '../../support/lessonCardsFake.js';
import {
  CHANGED_BY_CHAPERONE,
  createSettingsAtLessonStart,
} from '../../../bot/src/app/meetingControl/settingsAtLessonStart.js';
import {
  GraphPermissionError,
  GraphUnavailableError,
  type MeetingControl,
  type MeetingSettings,
} from '../../../bot/src/app/meetingControl/ports.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { at, meeting, policy } from '../../domain/builders.js';
import { fakeApply, fakeLogger } from '../lessonRoutines/fakes.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const start: MeetingEvent = {
  kind: 'meetingStarted',
  id: 's',
  at: at(0),
  meetingType: 'Scheduled',
  title: 'Maths',
  joinUrl: 'https://teams.example/join/1',
  organizerId: 'aad-teacher',
};
const settings = {
  id: 'g',
  organizerId: 'aad-teacher',
  joinUrl: 'https://teams.example/join/1',
  lobbyScope: 'everyone',
  dialInBypass: false,
  allowedPresenters: 'organizer',
  attendeeMicAllowed: false,
  attendeeCameraAllowed: true,
  recordAutomatically: false,
  attendees: [],
} as MeetingSettings;

describe('app/meetingControl/settingsAtLessonStart: audit of changes', () => {
  it('issue 7 "every change is logged in the meeting\'s partition (before, after, by whom)": the change made at start is recorded as an event', async () => {
    const state = meeting(start);
    const applied = fakeApply(state);
    const control: MeetingControl = {
      findMeeting: sinon.fake.resolves(settings),
      updateSettings: sinon.fake.resolves({ ...settings, lobbyScope: 'organizer' }),
      attendanceRecords: sinon.fake.resolves([]),
    };
    const sendToStaff = sinon.fake.resolves(undefined);
    await createSettingsAtLessonStart({
      meetingControl: control,
      cards: cardsTo(sendToStaff),
      policyFor: () => policy(),
      logger: fakeLogger(),
      applyEvent: applied.apply,
    })(KEY, state);
    assert.deepEqual(applied.events, [
      {
        kind: 'meetingSettingsChanged',
        id: `settings@${at(0)}`,
        at: at(0),
        by: CHANGED_BY_CHAPERONE,
        changes: [{ setting: 'lobbyScope', before: 'Everyone', after: 'Only organizers and co-organizers' }],
      },
    ]);
    assert.match(sendToStaff.firstCall.args[2].title, /made "Maths" safer/);
  });

  it('records nothing when the meeting already complies or Graph refused the change', async () => {
    const state = meeting(start);
    const applied = fakeApply(state);
    const compliant: MeetingControl = {
      findMeeting: sinon.fake.resolves({ ...settings, lobbyScope: 'organizer' }),
      updateSettings: sinon.fake(),
      attendanceRecords: sinon.fake(),
    };
    await createSettingsAtLessonStart({
      meetingControl: compliant,
      cards: cardsTo(sinon.fake.resolves(undefined)),
      policyFor: () => policy(),
      logger: fakeLogger(),
      applyEvent: applied.apply,
    })(KEY, state);
    const refusing: MeetingControl = {
      ...compliant,
      findMeeting: sinon.fake.resolves(settings),
      updateSettings: sinon.fake.rejects(new Error('down')),
    };
    await createSettingsAtLessonStart({
      meetingControl: refusing,
      cards: cardsTo(sinon.fake.resolves(undefined)),
      policyFor: () => policy(),
      logger: fakeLogger(),
      applyEvent: applied.apply,
    })(KEY, state);
    assert.deepEqual(applied.events, []);
  });
});

describe('app/meetingControl/settingsAtLessonStart: what the organizer is told', () => {
  const settingsNeed = {
    permission: 'OnlineMeetings.ReadWrite.All',
    adminSteps: ['run New-CsApplicationAccessPolicy', 'then Grant-CsApplicationAccessPolicy'],
  };

  async function startWith(control: Partial<MeetingControl>) {
    const sendToStaff = sinon.fake.resolves(undefined);
    const meetingControl = {
      findMeeting: sinon.fake.resolves(settings),
      updateSettings: sinon.fake.resolves(settings),
      attendanceRecords: sinon.fake.resolves([]),
      ...control,
    };
    await createSettingsAtLessonStart({
      meetingControl,
      cards: cardsTo(sendToStaff),
      policyFor: () => policy(),
      logger: fakeLogger(),
    })(KEY, meeting(start));
    return sendToStaff.getCalls().map((c) => c.args as [string, string, { title: string; lines: string[] }]);
  }

  it('issue 16: Graph refusing for want of the permission gives the organizer one card with one line: what to set now and what to ask IT for', async () => {
    const cards = await startWith({
      findMeeting: sinon.fake.rejects(new GraphPermissionError(settingsNeed, 403, 'Forbidden')),
    });
    assert.equal(cards.length, 1, 'one message, not an admin card and a manual-steps card');
    const [tenantId, organizerId, card] = cards[0]!;
    assert.deepEqual([tenantId, organizerId], ['t', 'aad-teacher']);
    assert.equal(card.title, '"Maths": set the meeting options yourself');
    assert.equal(card.lines.length, 1);
    assert.match(
      card.lines[0]!,
      /^Chaperone could not check this lesson's lobby and presenter settings\. Open Meeting options now and set /,
    );
    assert.match(
      card.lines[0]!,
      /set Who can bypass the lobby: Only organizers and co-organizers;.* Allow mic for attendees: Off\. /,
    );
    assert.match(
      card.lines[0]!,
      /\. Ask IT to give Chaperone the Microsoft Graph application permission OnlineMeetings\.ReadWrite\.All\.$/,
    );
    assert.doesNotMatch(card.lines[0]!, /seed|KCSIE/);
  });

  it('a missing access policy asks IT for the policy, not the permission', async () => {
    const cards = await startWith({
      findMeeting: sinon.fake.rejects(new GraphPermissionError(settingsNeed, 403, 'General', 'accessPolicy')),
    });
    assert.equal(cards.length, 1);
    assert.match(
      cards[0]![2].lines[0]!,
      /Ask IT to grant Chaperone's Teams application access policy to you \(Grant-CsApplicationAccessPolicy\)\.$/,
    );
    assert.doesNotMatch(cards[0]![2].lines[0]!, /OnlineMeetings\.ReadWrite\.All/);
  });

  it('Graph down: one line with the settings to set and no request to IT unless it happens again; a refused change names only the changes it needed', async () => {
    const down = await startWith({
      findMeeting: sinon.fake.rejects(new GraphUnavailableError('Microsoft Graph could not be reached (timed out).')),
    });
    assert.equal(down.length, 1);
    assert.match(
      down[0]![2].lines[0]!,
      /could not check .* Microsoft Teams did not answer Chaperone; tell IT if this happens again\.$/,
    );
    const readOnly = await startWith({
      updateSettings: sinon.fake.rejects(new GraphPermissionError(settingsNeed, 403, 'Forbidden')),
    });
    assert.equal(readOnly.length, 1);
    const changeRefused = readOnly[0]![2].lines[0]!;
    assert.match(
      changeRefused,
      /^Chaperone could not change this lesson's lobby and presenter settings\. Open Meeting options now and set /,
    );
    assert.match(
      changeRefused,
      /set Who can bypass the lobby: Only organizers and co-organizers\. Ask IT/,
      'only the change it needed',
    );
  });

  it('changes made are one card, listed in plain words without policy citations', async () => {
    const cards = await startWith({ updateSettings: sinon.fake.resolves({ ...settings, lobbyScope: 'organizer' }) });
    assert.equal(cards.length, 1);
    assert.match(cards[0]![2].title, /made "Maths" safer/);
    assert.equal(cards[0]![2].lines[0], 'Who can bypass the lobby: Everyone -> Only organizers and co-organizers');
  });
});
