import { strict as assert } from 'node:assert';
import { breach } from '../../../bot/src/domain/rules/breach.js';
import { at, breachReported, compliantLesson, ended, join, leave, policy, pupil, timeline } from '../builders.js';

describe('rules/breach', () => {
  const strict = policy();

  it('seed 002 line 41: a breach ends the call for all children and the DSL is informed immediately', () => {
    const [finding] = breach.evaluate(strict, compliantLesson(breachReported(at(5), 'b1')), at(5));
    assert.equal(finding?.key, 'breach:b1');
    assert.equal(finding?.severity, 'critical');
    assert.equal(finding?.debounce, false);
    assert.ok(finding?.audience.includes('dsl'));
    assert.match(finding?.action ?? '', /End meeting/);
  });

  it('seed 002 line 41: no breach reported, nothing raised', () => {
    assert.deepEqual(breach.evaluate(strict, compliantLesson(), at(5)), []);
  });

  it('seed 002 line 41: stays raised while the meeting runs or pupils remain after the end', () => {
    assert.equal(breach.evaluate(strict, compliantLesson(breachReported(at(5))), at(7)).length, 1);
    assert.equal(
      breach.evaluate(
        strict,
        compliantLesson(breachReported(at(5)), ended(at(6)), join(pupil('p1'), at(7), 'back')),
        at(7),
      ).length,
      1,
    );
  });

  it('seed 002 line 41: raised at once (no grace), cleared once the meeting has ended and no pupil remains', () => {
    const reported = compliantLesson(breachReported(at(5), 'b1'));
    const over = compliantLesson(breachReported(at(5), 'b1'), leave('p1', at(6)), ended(at(6)));
    const steps = timeline(
      strict,
      [
        { state: reported, now: at(5) },
        { state: over, now: at(6) },
      ],
      'breach',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['breach:b1'], []],
        [[], ['breach:b1']],
      ],
    );
  });

  it('seed 002 line 41: the DSL is left out only when the policy says so', () => {
    const quiet = policy({ breach: { informDsl: false } });
    assert.ok(!breach.evaluate(quiet, compliantLesson(breachReported(at(5))), at(5))[0]?.audience.includes('dsl'));
  });
});
