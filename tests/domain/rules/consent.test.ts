import { strict as assert } from 'node:assert';
import { consent } from '../../../bot/src/domain/rules/consent.js';
import { at, check, join, meeting, policy, pupil, staff, started, timeline } from '../builders.js';

describe('rules/consent', () => {
  const strict = policy();
  const lesson = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(staff('t2'), at(0)), join(pupil('p1'), at(1)), ...more);

  it('seed 001 #1: parental consent recorded at the beginning of the session', () => {
    const [finding] = consent.evaluate(strict, lesson(), at(6));
    assert.equal(finding?.key, 'consent:p1');
    assert.deepEqual(finding?.subjectIds, ['p1']);
    assert.deepEqual(finding?.audience, ['staffPresent']);
  });

  it('seed 003 line 7: a parent who has not consented means the pupil cannot take part', () => {
    const [finding] = consent.evaluate(strict, lesson(check('p1', 'consent', false, at(2))), at(2));
    assert.equal(finding?.key, 'consent:p1:no');
    assert.equal(finding?.debounce, false);
  });

  it('seed 001 #1: consent recorded, or staff, need nothing', () => {
    assert.deepEqual(consent.evaluate(strict, lesson(check('p1', 'consent', true, at(2))), at(10)), []);
  });

  it("seed 001 #1: staff have the policy's minutes to record it, and a timer wakes at the deadline", () => {
    assert.deepEqual(consent.evaluate(strict, lesson(), at(5.9)), []);
    assert.equal(consent.nextChangeAt?.(strict, lesson(), at(2)), at(6));
  });

  it('seed 001 #1: raised at the deadline and cleared once consent is recorded', () => {
    const steps = timeline(
      strict,
      [
        { state: lesson(), now: at(6) },
        { state: lesson(check('p1', 'consent', true, at(7))), now: at(7) },
      ],
      'consent',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['consent:p1'], []],
        [[], ['consent:p1']],
      ],
    );
  });
});
