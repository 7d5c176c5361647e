import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { changeOf } from '../../bot/src/domain/peopleLineage.js';
import { presentPeople, pupilsPresent, staffPresent } from '../../bot/src/domain/presence.js';
import { emptyMeeting, reduce } from '../../bot/src/domain/reducer.js';
import { hadPupils, sessionStartAt } from '../../bot/src/domain/session.js';
import type { MeetingEvent, MeetingState, Role } from '../../bot/src/domain/types.js';
import { at, ended, join, leave, person, reconcile, started } from './builders.js';

/** What the rules ask of a lesson's people, by id so two copies of one lesson compare. */
function asked(state: MeetingState) {
  const ids = (people: readonly { id: string }[]) => people.map((p) => p.id);
  return {
    present: ids(presentPeople(state)),
    staff: ids(staffPresent(state)),
    pupils: ids(pupilsPresent(state)),
    startedAt: sessionStartAt(state),
    hadPupils: hadPupils(state),
  };
}

describe('domain/peopleLineage (presence carried over from the previous event)', () => {
  const who = fc.constantFrom('a', 'b', 'c', 'd', '0', '7');
  const role = fc.constantFrom<Role>('staff', 'pupil', 'guest', 'unknown');
  const minute = fc.integer({ min: 0, max: 90 });
  const event = fc.oneof(
    { weight: 4, arbitrary: fc.tuple(who, role, minute).map(([id, r, m]) => join(person(id, r), at(m))) },
    { weight: 3, arbitrary: fc.tuple(who, minute).map(([id, m]) => leave(id, at(m))) },
    {
      weight: 1,
      arbitrary: fc.tuple(fc.subarray(['a', 'b', 'c', 'd', '0', '7']), role, minute).map(([ids, r, m]) =>
        reconcile(
          at(m),
          ids.slice(0, 2).map((id) => person(id, r)),
          ids.slice(2),
        ),
      ),
    },
    { weight: 1, arbitrary: minute.map((m) => ended(at(m))) },
    { weight: 1, arbitrary: minute.map((m) => started(at(m))) },
  );

  it('who is present, in order, and when the lesson began match a lesson read afresh, asked after every event', () => {
    fc.assert(
      fc.property(fc.array(event, { maxLength: 40 }), (events: MeetingEvent[]) => {
        let state = emptyMeeting('t', 'm');
        for (const e of events) {
          state = reduce(state, e);
          // Read back as from storage: the same lesson with no lineage, so everything is worked out in full.
          const afresh = JSON.parse(JSON.stringify(state)) as MeetingState;
          assert.equal(changeOf(afresh.people), undefined);
          assert.deepEqual(asked(state), asked(afresh), `after ${e.kind} ${e.id}`);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('a join, a leave and a change of role are each carried over from the lesson before them', () => {
    let state = reduce(emptyMeeting('t', 'm'), join(person('t1', 'staff'), at(0)));
    state = reduce(state, join(person('p1', 'unknown'), at(1)));
    assert.deepEqual(asked(state), {
      present: ['t1', 'p1'],
      staff: ['t1'],
      pupils: ['p1'],
      startedAt: at(0),
      hadPupils: true,
    });
    assert.notEqual(changeOf(state.people), undefined, 'made from the lesson before');
    state = reduce(state, join(person('p1', 'staff'), at(2)));
    assert.deepEqual(asked(state).staff, ['t1', 'p1'], 'the directory found p1 is staff after all');
    assert.equal(hadPupils(state), false, 'so no pupil has joined');
    state = reduce(state, leave('t1', at(3)));
    assert.deepEqual(asked(state).present, ['p1']);
  });
});
