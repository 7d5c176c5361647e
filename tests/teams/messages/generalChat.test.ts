import { strict as assert } from 'node:assert';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { PEOPLE, T0, TENANT, cardText, startWorld, type World } from './world.js';

function lesson(title: string, startedAt: number): MeetingState {
  const person = (id: string, name: string, role: 'staff' | 'pupil') => ({ id, teamsId: `29:${id}`, name, role });
  const events: MeetingEvent[] = [
    {
      kind: 'meetingStarted',
      id: 'e1',
      at: startedAt,
      meetingType: 'Scheduled',
      title,
      organizerId: PEOPLE.teacher.aad,
    },
    {
      kind: 'participantJoined',
      id: 'e2',
      at: startedAt,
      participant: person(PEOPLE.teacher.aad, 'Ms Teacher', 'staff'),
    },
    {
      kind: 'participantJoined',
      id: 'e3',
      at: startedAt + 60_000,
      participant: person('pupil-a', 'Amara Pupil', 'pupil'),
    },
    {
      kind: 'pupilCheckRecorded',
      id: 'e4',
      at: startedAt + 120_000,
      pupilId: 'pupil-a',
      check: 'consent',
      value: true,
      by: PEOPLE.teacher.aad,
    },
    { kind: 'participantLeft', id: 'e5', at: startedAt + 16 * 60_000, participantId: 'pupil-a' },
    { kind: 'meetingEnded', id: 'e6', at: startedAt + 20 * 60_000 },
  ];
  return events.reduce(reduce, emptyMeeting(TENANT, `meeting-${title}`));
}

describe('teams/messages: help, policy, register and unknown input', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());
  const lastText = (who: Parameters<World['inbox']>[0]) => world.inbox(who).at(-1)?.text ?? '';

  it('shows staff the commands for staff and a DSL the triage commands too', async () => {
    await world.say('teacher', 'help');
    await world.say('dsl1', 'help');
    const staffHelp = world.inbox('teacher')[0]?.text ?? '';
    const dslHelp = world.inbox('dsl1')[0]?.text ?? '';
    for (const c of ['concern [reference]', 'concerns', 'register last', 'policy']) assert.ok(staffHelp.includes(c), c);
    for (const c of ['ack <reference>', 'level <reference>', 'close <reference>', 'export <reference>']) {
      assert.ok(!staffHelp.includes(c), `staff help hides ${c}`);
      assert.ok(dslHelp.includes(c), `DSL help shows ${c}`);
    }
  });

  it('tells a pupil in a 1:1 chat that the bot is for staff, whatever they type', async () => {
    await world.say('pupil', 'help');
    await world.say('pupil', 'concerns');
    assert.deepEqual(
      world.inbox('pupil').map((a) => /for you to do/.test(a.text ?? '')),
      [true, true],
    );
  });

  it('answers unknown input with the closest command, never an error', async () => {
    await world.say('teacher', 'concren');
    assert.match(lastText('teacher'), /Did you mean "concern"\?/);
    await world.say('teacher', 'xyzzy plugh');
    assert.match(lastText('teacher'), /I don't know "xyzzy"\. Type "help"/);
    await world.say('teacher', 'exprot C-ABCDEF');
    assert.match(
      lastText('teacher'),
      /I don't know "exprot"\. Type "help"/,
      'a DSL-only command is not suggested to staff',
    );
    await world.say('dsl1', 'exprot C-ABCDEF');
    assert.match(lastText('dsl1'), /Did you mean "export"\?/);
  });

  it('states the policy in plain words with its preset, and no policy citations', async () => {
    await world.say('teacher', 'policy');
    const text = lastText('teacher');
    assert.match(text, /"strict" preset/);
    assert.match(text, /never alone in a call with one pupil/);
    assert.doesNotMatch(text, /\bseed\b/i);
  });

  it("gives the register of the teacher's last lesson as a card and a CSV in London time", async () => {
    world.lessons.push(lesson('Year 5 maths', T0 - 2 * 86_400_000), lesson('Year 5 reading', T0 - 3_600_000));
    world.lessons.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
    await world.say('teacher', 'register last');
    const reply = world.inbox('teacher').at(-1)!;
    assert.match(cardText(reply.attachments?.[0]?.content), /Year 5 reading/);
    const csv = Buffer.from(reply.attachments![1]!.contentUrl!.split(',')[1]!, 'base64').toString('utf8').split('\r\n');
    // Each check: yes, no or not yet, then who recorded it and when.
    const checks = ['Consent', 'Parent/carer in the room', 'Communal room']
      .flatMap((label) => [`"${label}"`, `"${label}: recorded by"`])
      .join(',');
    assert.equal(
      csv[0],
      `"Name","Role","First joined (Europe/London)","Last left (Europe/London)","Minutes present",${checks},"Teacher's mark"`,
    );
    assert.ok(
      csv.includes(
        '"Amara Pupil","pupil","2026-06-15 09:01 BST","2026-06-15 09:16 BST","15","yes","Ms Teacher at 2026-06-15 09:02 BST","not yet","","not yet","",""',
      ),
      csv.join('\n'),
    );

    await world.say('teacher', 'register maths');
    assert.match(cardText(world.inbox('teacher').at(-1)?.attachments?.[0]?.content), /Year 5 maths/);
    await world.say('otherTeacher', 'register last');
    assert.match(lastText('otherTeacher'), /no lessons on record that you organised/);
  });
});
