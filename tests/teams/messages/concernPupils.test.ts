import { strict as assert } from 'node:assert';
import { PUPIL_PICK, SUBMIT_CONCERN } from '../../../bot/src/teams/cards/concernForm.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, MeetingState, Role } from '../../../bot/src/domain/types.js';
import { PEOPLE, T0, TENANT, buttonData, cardText, startWorld, type World } from './world.js';

const OTHER_TENANT = '00000000-0000-4000-8000-0000000000ff';

/** A finished lesson organised by `organizerId`, with the teacher, a TA and the given pupils. */
function lesson(
  title: string,
  startedAt: number,
  pupils: string[],
  options: { tenantId?: string; organizerId?: string } = {},
): MeetingState {
  const people: Array<[string, string, Role]> = [
    [PEOPLE.teacher.aad, PEOPLE.teacher.name, 'staff'],
    ['aad-ta', 'Mr Assistant', 'staff'],
    ...pupils.map((name, i): [string, string, Role] => [`pupil-${i}`, name, 'pupil']),
  ];
  const events: MeetingEvent[] = [
    {
      kind: 'meetingStarted',
      id: 's',
      at: startedAt,
      meetingType: 'Scheduled',
      title,
      organizerId: options.organizerId ?? PEOPLE.teacher.aad,
    },
    ...people.map(([id, name, role], i): MeetingEvent => ({
      kind: 'participantJoined',
      id: `j${i}`,
      at: startedAt + i * 1000,
      participant: { id, teamsId: `29:${id}`, name, role },
    })),
    { kind: 'meetingEnded', id: 'e', at: startedAt + 30 * 60_000 },
  ];
  return events.reduce(reduce, emptyMeeting(options.tenantId ?? TENANT, `meeting-${title}`));
}

type Card = { body: Array<Record<string, unknown>> };
const inputs = (card: unknown) => (card as Card).body.filter((e) => typeof e.id === 'string');
const picker = (card: unknown) =>
  inputs(card).find((e) => e.id === PUPIL_PICK) as
    { label: string; style: string; choices: Array<{ title: string; value: string }> } | undefined;

describe('teams/messages: picking the pupil on the concern form from a recent lesson', () => {
  let world: World;
  beforeEach(async () => {
    world = await startWorld();
  });
  afterEach(() => world.stop());

  /** The form card `who` gets for `concern` (or for the alert card's button data in `value`). */
  async function formCard(
    who: 'teacher' | 'otherTeacher' = 'teacher',
    value?: Record<string, unknown>,
  ): Promise<unknown> {
    await world.say(who, value ? '' : 'concern', value ? { value } : {});
    return world.inbox(who).at(-1)?.attachments?.[0]?.content;
  }

  const answers = (overrides: Record<string, unknown> = {}) => ({
    category: 'disclosure',
    whatHappened: 'Said SECRET-TEXT-41 about home',
    happenedDate: '2026-06-15',
    happenedTime: '09:45',
    actionsTaken: 'Listened.',
    urgency: 'routine',
    ...overrides,
  });

  async function submit(card: unknown, fields: Record<string, unknown>) {
    const response = await world.press('teacher', SUBMIT_CONCERN, {
      ...buttonData(card, SUBMIT_CONCERN),
      ...answers(fields),
    });
    return { response, ref: /C-[A-Z0-9]{6}/.exec(cardText(response.value))?.[0] };
  }

  it("lists the pupils of the teacher's last lesson by name, titled with the lesson, and not its staff", async () => {
    world.lessons.push(
      lesson('Year 5 reading', T0 - 3_600_000, ['Zara Zed', 'Amara Ade']),
      lesson('Year 5 maths', T0 - 2 * 86_400_000, ['Old Pupil']),
    );
    const card = await formCard();
    const pick = picker(card);
    assert.ok(pick, 'the form has a pupil picker');
    assert.equal(pick.style, 'compact');
    assert.match(pick.label, /Year 5 reading/);
    assert.deepEqual(
      pick.choices.map((c) => c.title),
      ['Amara Ade', 'Zara Zed'],
    );
    const shown = JSON.stringify(pick);
    for (const staff of [PEOPLE.teacher.name, 'Mr Assistant', 'Old Pupil'])
      assert.ok(!shown.includes(staff), `${staff} is not offered`);
    assert.ok(
      inputs(card).some((e) => e.id === 'pupilName'),
      'the typed name is still there',
    );
  });

  it("stores the picked pupil's name, and the typed name when both are given", async () => {
    world.lessons.push(lesson('Year 5 reading', T0 - 3_600_000, ['Zara Zed', 'Amara Ade']));
    const picked = await submit(await formCard(), { [PUPIL_PICK]: 'Amara Ade', pupilName: '' });
    assert.ok(picked.ref, 'receipt shows a reference');
    assert.equal((await world.store.get(TENANT, picked.ref))?.details.pupilName, 'Amara Ade');
    const both = await submit(await formCard(), { [PUPIL_PICK]: 'Amara Ade', pupilName: 'Someone Typed' });
    assert.equal((await world.store.get(TENANT, both.ref!))?.details.pupilName, 'Someone Typed');
  });

  it('keeps the validation message and the pupil list when neither is given', async () => {
    world.lessons.push(lesson('Year 5 reading', T0 - 3_600_000, ['Zara Zed']));
    const { response } = await submit(await formCard(), { [PUPIL_PICK]: '', pupilName: '  ' });
    assert.match(cardText(response.value), /Enter the pupil's name \(first name and surname if you know it\)\./);
    assert.deepEqual(
      picker(response.value)?.choices.map((c) => c.value),
      ['Zara Zed'],
      're-rendered with the same pupils',
    );
  });

  it('gives a teacher with no lessons the plain form', async () => {
    world.lessons.push(lesson('Year 5 reading', T0 - 3_600_000, ['Zara Zed']));
    const card = await formCard('otherTeacher');
    assert.equal(picker(card), undefined);
    assert.deepEqual(inputs(card).find((e) => e.id === 'pupilName')?.isRequired, true);
    assert.ok(!cardText(card).includes('Zara Zed'));
  });

  it("never offers another tenant's lessons", async () => {
    world.lessons.push(lesson('Elsewhere', T0 - 60_000, ['Foreign Pupil'], { tenantId: OTHER_TENANT }));
    const card = await formCard();
    assert.equal(picker(card), undefined);
    assert.ok(!cardText(card).includes('Foreign Pupil'));
    const fromAlert = await formCard('teacher', {
      command: 'concern',
      meetingId: 'meeting-Elsewhere',
      meetingTitle: 'Elsewhere',
    });
    assert.ok(!cardText(fromAlert).includes('Foreign Pupil'), 'not through a forged alert card either');
  });

  it('offers the pupils of the lesson an alert card is about, not the latest one', async () => {
    world.lessons.push(
      lesson('Latest', T0 - 60_000, ['Later Pupil']),
      lesson('Year 6 art', T0 - 86_400_000, ['Art Pupil']),
    );
    const card = await formCard('teacher', {
      command: 'concern',
      meetingId: 'meeting-Year 6 art',
      meetingTitle: 'Year 6 art',
    });
    assert.deepEqual(
      picker(card)?.choices.map((c) => c.title),
      ['Art Pupil'],
    );
    const { ref } = await submit(card, { [PUPIL_PICK]: 'Art Pupil', pupilName: '' });
    const stored = await world.store.get(TENANT, ref!);
    assert.equal(stored?.details.pupilName, 'Art Pupil');
    assert.equal(stored?.details.lesson?.meetingId, 'meeting-Year 6 art');
  });
});
