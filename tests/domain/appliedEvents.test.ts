import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { APPLIED_WINDOW, eventsApplied, seenBefore, withApplied } from '../../bot/src/domain/appliedEvents.js';
import { emptyMeeting, reduce } from '../../bot/src/domain/reducer.js';
import type { MeetingEvent, MeetingState } from '../../bot/src/domain/types.js';
import { at, meeting, tick } from './builders.js';

/** `count` ticks with distinct ids, at the given minutes (cycling), so the lesson stays small while its ids pile up. */
function ticks(minutes: number[], count = minutes.length): MeetingEvent[] {
  return Array.from({ length: count }, (_, i) =>
    tick('expectationsRead', at(minutes[i % minutes.length] ?? 0), i % 2 === 0, `tick-${String(i).padStart(5, '0')}`),
  );
}

describe('domain/appliedEvents (bounded memory of applied event ids)', () => {
  it('issue 17: a long lesson keeps at most the window of ids, and counts every event', () => {
    const events = ticks(
      Array.from({ length: 2_000 }, (_, i) => i / 10),
      2_000,
    );
    const state = meeting(events);
    assert.equal(state.applied.length, APPLIED_WINDOW);
    assert.equal(state.appliedTimes?.length, APPLIED_WINDOW);
    assert.deepEqual(
      state.appliedTimes,
      events.slice(-APPLIED_WINDOW).map((e) => e.at),
      'each id with its time',
    );
    assert.equal(eventsApplied(state), 2_000);
    assert.deepEqual(
      state.applied,
      events.slice(-APPLIED_WINDOW).map((e) => e.id),
      'the newest ids stay',
    );
    assert.equal(
      state.appliedThrough,
      events[2_000 - APPLIED_WINDOW - 1]?.at,
      'the watermark is the newest dropped time',
    );
  });

  it('a lesson within the window keeps every id, sorted, as before the bound', () => {
    const events = ticks([3, 1, 2]);
    const state = meeting(events);
    assert.deepEqual(state.applied, events.map((e) => e.id).sort());
    assert.equal(state.appliedThrough, undefined);
    for (const e of events) assert.equal(seenBefore(state, e), 'applied');
    assert.equal(seenBefore(state, tick('expectationsRead', at(0), true, 'other')), 'new');
  });

  it('is sound: an applied event is never taken as new, and an event not applied is never taken as applied', () => {
    fc.assert(
      fc.property(
        fc.array(fc.integer({ min: 0, max: 120 }), { minLength: APPLIED_WINDOW + 1, maxLength: APPLIED_WINDOW + 80 }),
        fc.integer({ min: 0, max: 120 }),
        (minutes, otherMinute) => {
          const events = ticks(minutes);
          const state = meeting(events);
          for (const e of events) assert.notEqual(seenBefore(state, e), 'new', `${e.id} would be applied twice`);
          const other = tick('expectationsRead', at(otherMinute), true, 'never-applied');
          assert.notEqual(seenBefore(state, other), 'applied');
          assert.equal(eventsApplied(state), events.length);
        },
      ),
      { numRuns: 30 },
    );
  });

  it('does not depend on the order the events arrive in, past the window too', () => {
    fc.assert(
      fc.property(
        fc
          .array(fc.integer({ min: 0, max: 60 }), { minLength: APPLIED_WINDOW, maxLength: APPLIED_WINDOW + 40 })
          .chain((minutes) =>
            fc.tuple(fc.constant(ticks(minutes)), fc.shuffledSubarray(ticks(minutes), { minLength: minutes.length })),
          ),
        ([events, shuffled]) => {
          assert.deepEqual(meeting(shuffled), meeting(events));
        },
      ),
      { numRuns: 20 },
    );
  });

  it('a snapshot from before the bound, with every id and no times, loads, and is trimmed on its next event', () => {
    const old: MeetingState = {
      ...emptyMeeting('tenant-1', 'meeting-1'),
      applied: Array.from({ length: 1_000 }, (_, i) => `old-${String(i).padStart(4, '0')}`),
      lastEventAt: at(50),
    };
    assert.equal(eventsApplied(old), 1_000);
    assert.equal(seenBefore(old, { id: 'old-0001', at: at(1) }), 'applied');
    const next = reduce(old, tick('expectationsRead', at(51), true, 'new-one'));
    assert.equal(next.applied.length, APPLIED_WINDOW);
    assert.equal(eventsApplied(next), 1_001);
    assert.ok(next.applied.includes('new-one'));
    assert.equal(next.appliedThrough, at(50), 'dropped ids count as the newest time the lesson had seen');
    for (const id of old.applied) assert.notEqual(seenBefore(next, { id, at: at(10) }), 'new');
    assert.equal(seenBefore(next, { id: 'later', at: at(50) + 1 }), 'new');
  });

  it('an id of unknown time (no time, no event time in the lesson) counts as the newest, so it leaves the window last', () => {
    let state: MeetingState = { ...emptyMeeting('t', 'm'), applied: ['a'] };
    for (let i = 0; i < APPLIED_WINDOW; i++) state = withApplied(state, { id: `z${i}`, at: at(i) });
    assert.equal(seenBefore(state, { id: 'a', at: at(1_000) }), 'applied');
    assert.equal(state.appliedThrough, at(0), 'the oldest timed id left instead');
    const stored = JSON.parse(JSON.stringify(state)) as MeetingState;
    assert.equal(stored.appliedTimes?.[stored.applied.indexOf('a')], Number.MAX_SAFE_INTEGER, 'kept by JSON');
  });

  it('ids that name object internals are ids like any other, through JSON too', () => {
    let state = meeting(ticks([1, 2]));
    for (const id of ['__proto__', 'constructor', 'toString']) state = withApplied(state, { id, at: at(3) });
    const stored = JSON.parse(JSON.stringify(state)) as MeetingState;
    for (const id of ['__proto__', 'constructor', 'toString'])
      assert.equal(seenBefore(stored, { id, at: at(0) }), 'applied');
    const next = withApplied(stored, { id: 'x', at: at(4) });
    assert.equal(next.applied.length, 6);
    assert.equal(next.appliedTimes?.[next.applied.indexOf('__proto__')], at(3));
  });

  it('a lesson stored with its times in a record by id reads them, and its next event stores them as an array', () => {
    const events = ticks(
      Array.from({ length: APPLIED_WINDOW }, (_, i) => i),
      APPLIED_WINDOW,
    );
    const current = meeting(events);
    const { appliedTimes, ...rest } = current;
    const older: MeetingState = {
      ...rest,
      appliedAt: Object.fromEntries(current.applied.map((id, i) => [id, appliedTimes?.[i] ?? 0])),
    };
    const late = tick('expectationsRead', at(500), true, 'late-one');
    const next = withApplied(older, late);
    assert.deepEqual(next, withApplied(current, late), 'the same lesson as one stored with the array');
    assert.equal(next.appliedAt, undefined, 'the record is not written again');
    assert.equal(next.appliedThrough, events[0]?.at, 'the oldest recorded time left the window, not an unknown one');
  });

  it('a lesson kept in memory between events applies them as one read back from storage after each', () => {
    // Built here, the next record is copied from the last one; read back from JSON, it is built afresh.
    const id = fc.oneof(fc.constantFrom('__proto__', 'constructor', 'x'), fc.string({ minLength: 1, maxLength: 4 }));
    const event = fc.record({ id, at: fc.integer({ min: 0, max: 50 }) });
    fc.assert(
      fc.property(fc.array(event, { minLength: 1, maxLength: APPLIED_WINDOW + 60 }), (events) => {
        let kept = emptyMeeting('t', 'm');
        let stored = kept;
        for (const e of events) {
          if (seenBefore(kept, e) === 'applied') continue;
          kept = withApplied(kept, e);
          stored = JSON.parse(JSON.stringify(withApplied(stored, e))) as MeetingState;
          assert.deepEqual(kept, stored);
        }
      }),
      { numRuns: 40 },
    );
  });
});
