import { strict as assert } from 'node:assert';
import { maxDuration } from '../../../bot/src/domain/rules/maxDuration.js';
import { at, compliantLesson, ended, join, meeting, policy, staff, started, timeline } from '../builders.js';

describe('rules/max-duration', () => {
  const goodmayes = policy({ duration: { countdownMinutes: [5, 2] } }, 'goodmayes');
  const staffOnly = meeting(started(at(0)), join(staff('t1'), at(0)), join(staff('t2'), at(0)));

  it('seed 004 line 28: a lesson with pupils lasts no longer than 20 minutes', () => {
    const [finding] = maxDuration.evaluate(goodmayes, compliantLesson(), at(20));
    assert.equal(finding?.key, 'max-duration:over');
    assert.equal(finding?.severity, 'warning');
    assert.equal(finding?.debounce, false);
  });

  it('seed 004 line 29: a staff meeting may run to 40 minutes', () => {
    assert.deepEqual(maxDuration.evaluate(goodmayes, staffOnly, at(30)), []);
    assert.equal(maxDuration.evaluate(goodmayes, staffOnly, at(40))[0]?.key, 'max-duration:over');
  });

  it('seed 004 line 28: countdown reminders before the limit, one at a time', () => {
    assert.deepEqual(maxDuration.evaluate(goodmayes, compliantLesson(), at(14)), []);
    assert.equal(maxDuration.evaluate(goodmayes, compliantLesson(), at(15))[0]?.key, 'max-duration:5');
    assert.equal(maxDuration.evaluate(goodmayes, compliantLesson(), at(15))[0]?.severity, 'info');
    assert.equal(maxDuration.evaluate(goodmayes, compliantLesson(), at(18))[0]?.key, 'max-duration:2');
  });

  it('seed 004 line 28: the next threshold is where the timer wakes up', () => {
    assert.equal(maxDuration.nextChangeAt?.(goodmayes, compliantLesson(), at(1)), at(15));
    assert.equal(maxDuration.nextChangeAt?.(goodmayes, compliantLesson(), at(15)), at(18));
    assert.equal(maxDuration.nextChangeAt?.(goodmayes, compliantLesson(), at(19)), at(20));
    assert.equal(maxDuration.nextChangeAt?.(goodmayes, compliantLesson(), at(21)), undefined);
  });

  it('seed 004 line 28: nothing once the lesson has ended; the warning clears', () => {
    const steps = timeline(
      goodmayes,
      [
        { state: compliantLesson(), now: at(20) },
        { state: compliantLesson(ended(at(21))), now: at(21) },
      ],
      'max-duration',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['max-duration:over'], []],
        [[], ['max-duration:over']],
      ],
    );
  });

  it('is off in presets whose seed sets no limit', () => {
    assert.equal(maxDuration.enabled(policy({}, 'home-school')), false);
  });
});
