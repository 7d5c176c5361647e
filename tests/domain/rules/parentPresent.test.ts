import { strict as assert } from 'node:assert';
import { parentPresent } from '../../../bot/src/domain/rules/parentPresent.js';
import { at, check, guest, join, meeting, policy, pupil, staff, started, timeline } from '../builders.js';

describe('rules/parent-present', () => {
  const crossways = policy({}, 'crossways');
  const lesson = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ...more);

  it('seed 002 line 27: if the parent cannot be in the room, the meeting cannot continue for that child', () => {
    const [finding] = parentPresent.evaluate(crossways, lesson(check('p1', 'parentPresent', false, at(2))), at(2));
    assert.equal(finding?.key, 'parent-present:p1:no');
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.message ?? '', /cannot continue/);
  });

  it('seed 002 line 24: parents present for the start; not recorded after the allowed minutes is flagged', () => {
    assert.equal(parentPresent.evaluate(crossways, lesson(), at(6))[0]?.key, 'parent-present:p1');
  });

  it('seed 000 pupils #5: guests (pupils invited as guests) need a parent too', () => {
    const state = meeting(started(at(0)), join(staff('t1'), at(0)), join(guest('g1'), at(1)));
    assert.equal(parentPresent.evaluate(crossways, state, at(6))[0]?.key, 'parent-present:g1');
  });

  it('seed 002 line 24: a parent recorded as present satisfies it; within the minutes nothing is raised', () => {
    assert.deepEqual(parentPresent.evaluate(crossways, lesson(check('p1', 'parentPresent', true, at(2))), at(30)), []);
    assert.deepEqual(parentPresent.evaluate(crossways, lesson(), at(5)), []);
  });

  it('seed 002 line 27: cleared when the parent comes back and staff record it', () => {
    const steps = timeline(
      crossways,
      [
        { state: lesson(check('p1', 'parentPresent', false, at(2))), now: at(2) },
        {
          state: lesson(check('p1', 'parentPresent', false, at(2)), check('p1', 'parentPresent', true, at(3))),
          now: at(3),
        },
      ],
      'parent-present',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['parent-present:p1:no'], []],
        [[], ['parent-present:p1:no']],
      ],
    );
  });
});
