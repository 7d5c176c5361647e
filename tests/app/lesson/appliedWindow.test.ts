import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import sinon from 'sinon';
import type { MeetingKey } from '../../../bot/src/app/ports.js';
import { appliedBefore } from '../../../bot/src/app/lesson/appliedBefore.js';
import { APPLIED_WINDOW, seenBefore } from '../../../bot/src/domain/appliedEvents.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import { at, tick } from '../../domain/builders.js';
import { useSuts } from './makeSut.js';

/** Distinct ticks at the given minutes: each changes the lesson (last writer wins), and their ids pile up. */
function ticks(minutes: number[]): MeetingEvent[] {
  return minutes.map((m, i) => tick('expectationsRead', at(m), i % 3 !== 0, `activity-${String(i).padStart(4, '0')}`));
}

/** Each event `a` of a pair comes again once event `b` has been delivered; the first event comes again last. */
function withRedeliveries(events: MeetingEvent[], pairs: Array<[number, number]>): MeetingEvent[] {
  const n = events.length;
  const after = new Map<number, number[]>([[n - 1, [0]]]);
  for (const [a, b] of pairs) {
    const when = Math.max(a % n, b % n);
    after.set(when, [...(after.get(when) ?? []), a % n]);
  }
  return events.flatMap((event, i) => [event, ...(after.get(i) ?? []).map((again) => events[again]!)]);
}

const minutes = fc.array(fc.integer({ min: 0, max: 90 }), {
  minLength: APPLIED_WINDOW + 20,
  maxLength: APPLIED_WINDOW + 90,
});
const pairs = fc.array(fc.tuple(fc.nat(), fc.nat()), { minLength: 1, maxLength: 30 });

describe('app/lesson/appliedBefore (a store without its own duplicate check)', () => {
  it('redeliveries, late ones past the window included, leave the state of the events applied once each', async () => {
    await fc.assert(
      fc.asyncProperty(minutes, pairs, async (mins, redeliveries) => {
        const events = ticks(mins);
        const stored = new Set<string>();
        const meetings = { hasEvent: sinon.fake(async (_key: MeetingKey, id: string) => stored.has(id)) };
        let state: MeetingState = emptyMeeting('tenant-1', 'meeting-1');
        let unknown = 0;
        for (const event of withRedeliveries(events, redeliveries)) {
          if (seenBefore(state, event) === 'unknown') unknown++;
          if (await appliedBefore(meetings, { tenantId: 'tenant-1', meetingId: 'meeting-1' }, { state }, event))
            continue;
          state = reduce(state, event);
          stored.add(event.id);
        }
        assert.deepEqual(state, events.reduce(reduce, emptyMeeting('tenant-1', 'meeting-1')));
        assert.equal(meetings.hasEvent.callCount, unknown, 'the store is asked only when the window cannot say');
      }),
      { numRuns: 40 },
    );
  });
});

describe('app/lesson/applyMeetingEvent with a bounded window of applied ids (issue 17)', () => {
  const make = useSuts();
  let lessons = 0;
  const lessonKey = (): MeetingKey => ({ tenantId: 'tenant-1', meetingId: `lesson-${++lessons}` });

  it('events with redeliveries, late ones past the window included, give the state of the events once each', async () => {
    const sut = make();
    const hasEvent = sinon.spy(sut.meetings, 'hasEvent');
    await fc.assert(
      fc.asyncProperty(minutes, pairs, async (mins, redeliveries) => {
        const events = ticks(mins);
        const once = lessonKey();
        const twice = lessonKey();
        for (const event of events) assert.equal((await sut.record(event, once)).outcome, 'applied');
        const seen = new Set<string>();
        for (const event of withRedeliveries(events, redeliveries)) {
          const expected = seen.has(event.id) ? 'duplicate' : 'applied';
          seen.add(event.id);
          assert.equal((await sut.record(event, twice)).outcome, expected, event.id);
        }
        const expected = (await sut.meetings.load(once))?.state;
        const actual = (await sut.meetings.load(twice))?.state;
        assert.deepEqual({ ...actual, meetingId: 'm' }, { ...expected, meetingId: 'm' });
        assert.equal(actual?.applied.length, APPLIED_WINDOW);
      }),
      { numRuns: 12 },
    );
    assert.ok(hasEvent.called, 'the late redeliveries were settled by the stored events');
  });

  it('asks the stored events only for an event too old for the window, once per such event', async () => {
    const sut = make();
    const key = lessonKey();
    const events = ticks(Array.from({ length: APPLIED_WINDOW + 10 }, (_, i) => i / 10));
    for (const event of events) await sut.record(event, key);
    const hasEvent = sinon.spy(sut.meetings, 'hasEvent');

    assert.equal((await sut.record(events.at(-1)!, key)).outcome, 'duplicate', 'in the window');
    assert.equal(hasEvent.callCount, 0);
    assert.equal((await sut.record(events[0]!, key)).outcome, 'duplicate', 'past the window');
    assert.equal(hasEvent.callCount, 1);
    const lateButNew = tick('expectationsRead', at(0), true, 'activity-late');
    assert.equal((await sut.record(lateButNew, key)).outcome, 'applied', 'old time, never seen: applied');
    assert.equal(hasEvent.callCount, 2);
    const fresh = tick('expectationsRead', at(60), true, 'activity-new');
    assert.equal((await sut.record(fresh, key)).outcome, 'applied');
    assert.equal(hasEvent.callCount, 2, 'newer than every dropped id: no store check');
  });
});
