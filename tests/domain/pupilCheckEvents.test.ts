import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { reduce } from '../../bot/src/domain/reducer.js';
import { pupilCheckState } from '../../bot/src/domain/rules/pupilCheck.js';
import type { MeetingEvent, MeetingState, PupilCheckState } from '../../bot/src/domain/types.js';
import { at, check, join, legacyCheck, meeting, pupil, staff, started } from './builders.js';

const lesson = (...more: MeetingEvent[]): MeetingState =>
  meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ...more);
const stateOf = (s: MeetingState): PupilCheckState => pupilCheckState(s.people.p1!, 'consent');

describe('domain/reducer: three-state pupil checks', () => {
  it('records yes, no and not yet, each with who set it and when', () => {
    for (const state of ['yes', 'no', 'notYet'] as const) {
      const s = lesson(check('p1', 'consent', state, at(2), `c-${state}`, 'ms-khan'));
      assert.equal(stateOf(s), state);
      const value = state === 'notYet' ? {} : { value: state === 'yes' };
      assert.deepEqual(s.people.p1?.checks.consent, { ...value, by: 'ms-khan', at: at(2), eventId: `c-${state}` });
    }
  });

  it('undo: "not yet" after "no" opens the check again and keeps who set it back', () => {
    const s = lesson(
      check('p1', 'consent', 'no', at(2), 'a', 'ms-khan'),
      check('p1', 'consent', 'notYet', at(3), 'b', 'mr-lee'),
    );
    assert.equal(stateOf(s), 'notYet');
    assert.equal(s.people.p1?.checks.consent?.by, 'mr-lee');
    assert.equal(s.people.p1?.checks.consent?.value, undefined);
  });

  it('reads event rows stored before three states: value true is yes, false is no', () => {
    assert.equal(stateOf(lesson(legacyCheck('p1', 'consent', true, at(2)))), 'yes');
    assert.equal(stateOf(lesson(legacyCheck('p1', 'consent', false, at(2)))), 'no');
    // A newer three-state event still wins over an old row, and the other way round.
    assert.equal(
      stateOf(lesson(legacyCheck('p1', 'consent', false, at(2), 'a'), check('p1', 'consent', 'notYet', at(3), 'b'))),
      'notYet',
    );
    assert.equal(
      stateOf(lesson(check('p1', 'consent', 'notYet', at(2), 'a'), legacyCheck('p1', 'consent', true, at(3), 'b'))),
      'yes',
    );
  });

  it('reads a snapshot stored before three states (an entry with a boolean value), and applies new events on top', () => {
    const old = lesson();
    const p1 = { ...old.people.p1!, checks: { consent: { value: false, by: 't1', at: at(2) } } };
    const snapshot: MeetingState = JSON.parse(JSON.stringify({ ...old, people: { ...old.people, p1 } }));
    assert.equal(stateOf(snapshot), 'no');
    assert.equal(stateOf(reduce(snapshot, check('p1', 'consent', 'notYet', at(3), 'undo'))), 'notYet');
    assert.equal(
      stateOf(reduce(snapshot, check('p1', 'consent', 'yes', at(1), 'older'))),
      'no',
      'an older event does not replace it',
    );
  });

  it('a state not understood (a damaged row) reads as not yet, never as no', () => {
    const odd = { ...check('p1', 'consent', 'yes', at(2)), state: 'maybe' } as unknown as MeetingEvent;
    assert.equal(stateOf(lesson(odd)), 'notYet');
  });

  it('property: the last recorded state (by time, then id) wins, whatever the delivery order, old rows included', () => {
    const recording = fc.record({
      state: fc.constantFrom<PupilCheckState | boolean>('yes', 'no', 'notYet', true, false),
      minute: fc.integer({ min: 2, max: 30 }),
    });
    const withOrder = fc.array(recording, { minLength: 1, maxLength: 12 }).chain((specs) =>
      fc.tuple(
        fc.constant(specs),
        fc.shuffledSubarray(
          specs.map((_, i) => i),
          { minLength: specs.length },
        ),
      ),
    );
    fc.assert(
      fc.property(withOrder, ([specs, order]) => {
        const id = (i: number) => `c${String(i).padStart(2, '0')}`;
        // Booleans: every other one as an old row, the rest as the builder's shorthand for yes and no.
        const events = specs.map((r, i) =>
          typeof r.state === 'boolean' && i % 2 === 1
            ? legacyCheck('p1', 'consent', r.state, at(r.minute), id(i))
            : check('p1', 'consent', r.state, at(r.minute), id(i)),
        );
        const last = specs
          .map((r, i) => ({ ...r, id: id(i) }))
          .sort((a, b) => a.minute - b.minute || (a.id < b.id ? -1 : 1))
          .at(-1)!;
        const expected = typeof last.state === 'boolean' ? (last.state ? 'yes' : 'no') : last.state;
        const shuffled = lesson(...order.map((i) => events[i]!));
        assert.equal(stateOf(shuffled), expected);
        assert.deepEqual(shuffled.people.p1?.checks, lesson(...events).people.p1?.checks);
      }),
    );
  });
});
