import { strict as assert } from 'node:assert';
import { expectations } from '../../../bot/src/domain/rules/expectations.js';
import { at, ended, join, meeting, policy, pupil, staff, started, tick, timeline } from '../builders.js';

describe('rules/expectations', () => {
  const strict = policy();
  const lesson = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ...more);

  it('seed 001 #7: expectations outlined at the start of every session', () => {
    const keys = expectations.evaluate(strict, lesson(tick('rolesAgreed', at(1))), at(5)).map((f) => f.key);
    assert.deepEqual(keys, ['expectations:expectationsRead']);
  });

  it('seed 000 #9: roles and responsibilities discussed at the outset of all sessions', () => {
    const keys = expectations.evaluate(strict, lesson(tick('expectationsRead', at(1))), at(5)).map((f) => f.key);
    assert.deepEqual(keys, ['expectations:rolesAgreed']);
  });

  it('seed 001 #7: both ticked, or a staff-only meeting, or within the minutes: nothing', () => {
    assert.deepEqual(
      expectations.evaluate(strict, lesson(tick('expectationsRead', at(1)), tick('rolesAgreed', at(1))), at(10)),
      [],
    );
    assert.deepEqual(expectations.evaluate(strict, meeting(started(at(0)), join(staff('t1'), at(0))), at(10)), []);
    assert.deepEqual(expectations.evaluate(strict, lesson(), at(4.9)), []);
    assert.equal(expectations.nextChangeAt?.(strict, lesson(), at(1)), at(5));
  });

  it('seed 000 #9: not asked of a preset whose seed does not say it', () => {
    assert.equal(expectations.enabled(policy({}, 'goodmayes')), false);
  });

  it('seed 001 #7: raised at the deadline, cleared once ticked or the lesson ends', () => {
    const steps = timeline(
      strict,
      [
        { state: lesson(tick('rolesAgreed', at(1))), now: at(5) },
        { state: lesson(tick('rolesAgreed', at(1)), tick('expectationsRead', at(6))), now: at(6) },
      ],
      'expectations',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['expectations:expectationsRead'], []],
        [[], ['expectations:expectationsRead']],
      ],
    );
    assert.deepEqual(expectations.evaluate(strict, lesson(ended(at(5))), at(6)), []);
  });
});
