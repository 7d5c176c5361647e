import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import sinon from 'sinon';
import { ConcurrencyExhaustedError } from '../../../bot/src/app/lesson/applyMeetingEvent.js';
import { presenceIntervals } from '../../../bot/src/domain/presence.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import {
  at,
  breachReported,
  check,
  ended,
  join,
  leave,
  meeting,
  pupil,
  staff,
  started,
  tick,
} from '../../domain/builders.js';
import { ADDRESS, KEY, makeSut, useSuts } from './makeSut.js';

/** A small lesson: a start, staff and a pupil coming and going, a tick, a check and the end. */
const LESSON: MeetingEvent[] = [
  started(at(0), { organizerId: 't1' }),
  join(staff('t1'), at(0)),
  join(pupil('p1'), at(1)),
  leave('t1', at(2)),
  join(staff('t2'), at(3)),
  tick('expectationsRead', at(3)),
  check('p1', 'consent', true, at(3)),
  leave('p1', at(4)),
  ended(at(5)),
];

/**
 * The lesson with each person's presence marks read as the intervals they were present: the order
 * guarantee the reducer gives. (An end delivered before a leave keeps a synthetic close mark the
 * in-order lesson lacks; the intervals are the same.)
 */
function asSeen(state: MeetingState) {
  const people = Object.fromEntries(
    Object.entries(state.people).map(([id, person]) => [id, { ...person, marks: presenceIntervals(person) }]),
  );
  return { ...state, people };
}

describe('app/lesson/applyMeetingEvent (lesson path over in-memory storage)', () => {
  const make = useSuts();

  it('a redelivered event answers duplicate and writes nothing, on this instance or on another', async () => {
    const a = make();
    const b = make({ shared: a });
    const first = started(at(0));
    assert.equal((await a.record(first)).outcome, 'applied');
    const stored = await a.meetings.load(KEY);
    const writes = a.meetings.writes;

    assert.equal((await a.record(first)).outcome, 'duplicate', 'the instance that applied it knows it from its cache');
    assert.equal((await b.record(first)).outcome, 'duplicate', 'an instance that never saw it learns it from storage');
    assert.equal(a.meetings.writes, writes);
    assert.deepEqual(await a.meetings.load(KEY), stored, 'same snapshot, same ETag');
    assert.deepEqual(
      (await a.meetings.listEvents(KEY)).map((e) => e.id),
      [first.id],
    );
  });

  it('events delivered in any order, with redeliveries, leave the same lesson and each event recorded once', async () => {
    const expected = asSeen({ ...meeting(LESSON), address: ADDRESS });
    const redeliveries = fc.array(fc.tuple(fc.nat(), fc.constantFrom(...LESSON)), { maxLength: 3 });
    await fc.assert(
      fc.asyncProperty(
        fc.shuffledSubarray(LESSON, { minLength: LESSON.length, maxLength: LESSON.length }),
        redeliveries,
        async (order, again) => {
          const deliveries = [...order];
          for (const [at, event] of again) deliveries.splice(at % (deliveries.length + 1), 0, event);
          const sut = makeSut();
          try {
            for (const event of deliveries) await sut.record(event);
            const stored = (await sut.meetings.load(KEY))?.state;
            assert.deepEqual(stored && asSeen(stored), expected);
            assert.deepEqual(
              (await sut.meetings.listEvents(KEY)).map((e) => e.id).sort(),
              LESSON.map((e) => e.id).sort(),
            );
          } finally {
            sut.clock.restore();
          }
        },
      ),
      { numRuns: 40 },
    );
  });

  it('when another instance wrote first, the stale ETag is a conflict: it reads again, retries, and both events are kept', async () => {
    const a = make();
    const b = make({ shared: a });
    const commit = sinon.spy(a.meetings, 'commit');
    const start = started(at(0));
    const teacher = join(staff('t1'), at(0));
    const child = join(pupil('p1'), at(1));
    await a.record(start); // a caches the snapshot with its ETag
    await b.record(teacher); // b moves the ETag on
    const outcome = await a.record(child);

    assert.equal(outcome.outcome, 'applied');
    const results = await Promise.all(commit.returnValues);
    assert.deepEqual(
      results.map((r) => r.outcome),
      ['applied', 'applied', 'conflict', 'applied'],
      "a's cached ETag lost once, then won",
    );
    const state = (await a.meetings.load(KEY))?.state;
    assert.deepEqual(state?.applied, [start.id, teacher.id, child.id].sort());
    assert.deepEqual(Object.keys(state?.people ?? {}).sort(), ['p1', 't1']);
    assert.deepEqual(outcome.record.state, state, 'the outcome is the state that was written');
  });

  it('when the store hands back the lesson it read to settle the race, the retry uses it and reads nothing more (issue 21)', async () => {
    const a = make();
    const b = make({ shared: a });
    await a.record(started(at(0)));
    await b.record(join(staff('t1'), at(0)));
    const commit = a.meetings.commit.bind(a.meetings);
    const load = a.meetings.load.bind(a.meetings);
    // As the Table store does: a conflict carries the winner's lesson, read while settling it.
    sinon.stub(a.meetings, 'commit').callsFake(async (...args) => {
      const result = await commit(...args);
      return result.outcome === 'conflict' ? { outcome: 'conflict', current: await load(KEY) } : result;
    });
    const reads = sinon.spy(a.meetings, 'load');
    const outcome = await a.record(join(pupil('p1'), at(1)));
    assert.equal(outcome.outcome, 'applied');
    assert.equal(reads.callCount, 0);
    assert.deepEqual(Object.keys(outcome.record.state.people).sort(), ['p1', 't1']);
  });

  it('gives up with a retryable error when the snapshot keeps changing under every attempt, having written nothing', async () => {
    const sut = make();
    await sut.record(started(at(0)));
    const load = sut.meetings.load.bind(sut.meetings);
    // Another writer gets in between every read and write.
    sinon.stub(sut.meetings, 'load').callsFake(async (key) => {
      const record = await load(key);
      sut.meetings.moveEtag(key);
      return record;
    });
    sut.meetings.moveEtag(KEY);
    const writes = sut.meetings.writes;

    await assert.rejects(sut.record(join(staff('t1'), at(0))), ConcurrencyExhaustedError);
    assert.equal(sut.meetings.writes, writes);
    assert.equal((await sut.meetings.listEvents(KEY)).length, 1);
  });

  it('the findings an event starts go into the alert book and the outbox in the same write as the event', async () => {
    const sut = make({ staff: ['t1'] });
    await sut.record(started(at(0), { organizerId: 't1' }));
    await sut.record(join(staff('t1'), at(0)));
    const commit = sinon.spy(sut.meetings, 'commit');
    const breach = breachReported(at(0));

    const outcome = await sut.record(breach);

    assert.deepEqual(
      outcome.started.map((f) => f.ruleId),
      ['breach'],
    );
    assert.equal(commit.callCount, 1);
    const [, event, written] = commit.firstCall.args;
    assert.equal(event.id, breach.id);
    const key = outcome.started[0]!.key;
    assert.equal(written.alerts[key]?.raisedAt, at(0), 'raised in the write that recorded the event');
    const owed = (written.deliveries ?? []).filter(
      (d) => d.message.kind === 'finding' && d.message.finding.key === key,
    );
    assert.ok(owed.length >= 2, 'the staff in the meeting and the DSL are owed a message');
    assert.ok(
      owed.every((d) => d.state === 'pending'),
      'planned, not yet sent, when the event is written',
    );
  });

  it('an event that starts nothing owes no delivery and sends nothing', async () => {
    const sut = make();
    const outcome = await sut.record(started(at(0)));
    assert.deepEqual(outcome.started, []);
    assert.equal(outcome.owesDelivery, false);
    assert.equal(sut.sender.send.callCount, 0);
  });
});
