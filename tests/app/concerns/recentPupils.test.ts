import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { recentPupils, type RecentPupilsDeps } from '../../../bot/src/app/concerns/recentPupils.js';
import type { MeetingStore } from '../../../bot/src/app/ports.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, MeetingState, Role } from '../../../bot/src/domain/types.js';
import { OTHER_TENANT, T0, TENANT, viewer } from './fixtures.js';

const HOUR = 3_600_000;
const TEACHER = viewer('staff', 'aad-teacher');

/** A finished lesson with the given people (id, name, role), started `hoursAgo` before T0. */
function lesson(
  meetingId: string,
  hoursAgo: number,
  people: Array<[string, string, Role]>,
  options: { organizerId?: string; tenantId?: string; title?: string } = {},
): MeetingState {
  const at = T0 - hoursAgo * HOUR;
  const events: MeetingEvent[] = [
    {
      kind: 'meetingStarted',
      id: `${meetingId}-s`,
      at,
      meetingType: 'Scheduled',
      title: options.title ?? `Lesson ${meetingId}`,
      ...(options.organizerId ? { organizerId: options.organizerId } : {}),
    },
    ...people.map(([id, name, role], i): MeetingEvent => ({
      kind: 'participantJoined',
      id: `${meetingId}-j${i}`,
      at: at + i * 1000,
      participant: { id, teamsId: `29:${id}`, name, role },
    })),
    { kind: 'meetingEnded', id: `${meetingId}-e`, at: at + HOUR / 2 },
  ];
  return events.reduce(reduce, emptyMeeting(options.tenantId ?? TENANT, meetingId));
}

const CLASS: Array<[string, string, Role]> = [
  ['aad-teacher', 'Ms Teacher', 'staff'],
  ['aad-ta', 'Mr Assistant', 'staff'],
  ['p-2', 'Zara Zed', 'pupil'],
  ['p-1', 'Amara Ade', 'pupil'],
  ['g-1', 'A Parent', 'guest'],
];

/**
 * A meeting store that answers like a careless one: it returns every lesson it holds, whatever
 * tenant is asked for, so the use case's own tenant check is what the tests exercise.
 */
function store(lessons: MeetingState[], withLoad = false): RecentPupilsDeps & { listMeetings: sinon.SinonSpy } {
  const listMeetings = sinon.fake(async (_tenantId: string, options?: { organizerId?: string; limit?: number }) =>
    lessons
      .filter((l) => !options?.organizerId || l.organizerId === options.organizerId)
      .sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0)),
  );
  const load: MeetingStore['load'] = async (key) => {
    const state = lessons.find((l) => l.meetingId === key.meetingId);
    return state ? { state, alerts: {} as never, etag: 'e' } : undefined;
  };
  return { meetings: { listMeetings, ...(withLoad ? { load } : {}) }, clock: { now: () => T0 }, listMeetings };
}

describe('app/concerns: recentPupils (the pupil picker on the concern form)', () => {
  it("offers the pupils of the teacher's most recent lesson, by name, without its staff or guests", async () => {
    const deps = store([
      lesson('old', 48, [['p-9', 'Old Pupil', 'pupil']], { organizerId: 'aad-teacher' }),
      lesson('new', 2, CLASS, { organizerId: 'aad-teacher', title: 'Year 5 maths' }),
    ]);
    const found = await recentPupils(deps, TEACHER);
    assert.deepEqual(found, {
      lesson: { meetingId: 'new', title: 'Year 5 maths', startedAt: T0 - 2 * HOUR },
      pupils: ['Amara Ade', 'Zara Zed'],
    });
    assert.ok(
      deps.listMeetings.getCalls().every((c) => c.args[0] === TENANT),
      "every query is scoped to the viewer's tenant",
    );
    assert.ok(
      deps.listMeetings.getCalls().some((c) => c.args[1]?.organizerId === 'aad-teacher'),
      'asks for the lessons the teacher organised',
    );
  });

  it('counts a lesson the member of staff attended but did not organise', async () => {
    const deps = store([lesson('theirs', 1, CLASS, { organizerId: 'aad-someone-else' })]);
    assert.deepEqual((await recentPupils(deps, viewer('staff', 'aad-ta')))?.pupils, ['Amara Ade', 'Zara Zed']);
  });

  it("gives a teacher with no lessons (or only other people's) nothing to pick from", async () => {
    assert.equal(await recentPupils(store([]), TEACHER), undefined);
    assert.equal(
      await recentPupils(
        store([lesson('x', 1, [['p-1', 'Amara Ade', 'pupil']], { organizerId: 'aad-other' })]),
        TEACHER,
      ),
      undefined,
    );
  });

  it("never offers another tenant's lesson, even when the store hands one back", async () => {
    const foreign = lesson('foreign', 1, CLASS, { organizerId: 'aad-teacher', tenantId: OTHER_TENANT });
    assert.equal(await recentPupils(store([foreign]), TEACHER), undefined);
    assert.equal(await recentPupils(store([foreign], true), TEACHER, 'foreign'), undefined, 'not by id either');
    assert.equal(await recentPupils(store([foreign]), TEACHER, 'foreign'), undefined, 'nor by id through the list');
  });

  it('offers nobody to a person who is not staff', async () => {
    const deps = store([lesson('new', 1, CLASS, { organizerId: 'aad-teacher' })]);
    assert.equal(await recentPupils(deps, { ...TEACHER, standing: 'none' }), undefined);
    assert.equal(deps.listMeetings.callCount, 0, 'refused before any read');
  });

  it('uses the lesson an alert card names, for staff who took part in it or a DSL only', async () => {
    const named = lesson('named', 30, CLASS, { organizerId: 'aad-teacher', title: 'Year 6 art' });
    const deps = store(
      [lesson('latest', 1, [['p-7', 'Later Pupil', 'pupil']], { organizerId: 'aad-teacher' }), named],
      true,
    );
    assert.deepEqual(await recentPupils(deps, TEACHER, 'named'), {
      lesson: { meetingId: 'named', title: 'Year 6 art', startedAt: T0 - 30 * HOUR },
      pupils: ['Amara Ade', 'Zara Zed'],
    });
    assert.equal(
      await recentPupils(deps, viewer('staff', 'aad-outsider'), 'named'),
      undefined,
      'staff who were not there see no names',
    );
    assert.deepEqual((await recentPupils(deps, viewer('dsl', 'aad-dsl'), 'named'))?.pupils, ['Amara Ade', 'Zara Zed']);
    assert.equal(await recentPupils(deps, TEACHER, 'missing'), undefined);
  });
});
