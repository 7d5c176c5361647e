import { strict as assert } from 'node:assert';
import { noOneToOne } from '../../../bot/src/domain/rules/noOneToOne.js';
import { at, check, join, leave, meeting, policy, pupil, sec, staff, started, timeline } from '../builders.js';

describe('rules/no-one-to-one', () => {
  const strict = policy();
  const oneToOne = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ...more);

  it('seed 003, line 3: never a one-to-one video call between a member of staff and a pupil', () => {
    const [finding] = noOneToOne.evaluate(strict, oneToOne(), at(1));
    assert.equal(finding?.key, 'no-one-to-one');
    assert.equal(finding?.severity, 'critical');
    assert.ok(finding?.audience.includes('dsl'), 'a possible low-level concern goes to the DSL');
    assert.match(finding?.message ?? '', /alone in the call with one pupil.*school policy never allows/);
    assert.match(finding?.action ?? '', /low-level concern/);
    assert.deepEqual(finding?.subjectIds, ['t1', 'p1']);
  });

  it('seed 003, line 3: one staff member with two pupils is not a one-to-one', () => {
    assert.deepEqual(
      noOneToOne.evaluate(strict, oneToOne(join(pupil('p2'), at(1)), check('p1', 'parentPresent', true, at(1))), at(2)),
      [],
    );
  });

  it('seed 001 #4: at least three participants, a parent beside their child counting as one', () => {
    const roche = policy({}, 'roche');
    assert.equal(noOneToOne.evaluate(roche, oneToOne(), at(2))[0]?.key, 'no-one-to-one:participants');
    assert.deepEqual(noOneToOne.evaluate(roche, oneToOne(check('p1', 'parentPresent', true, at(2))), at(2)), []);
  });

  it('seed 003, line 3: a colleague rejoining within the grace period pages nobody', () => {
    const base = (...more: Parameters<typeof meeting>) =>
      meeting(started(at(0)), join(staff('t1'), at(0)), join(staff('t2'), at(0)), join(pupil('p1'), at(1)), ...more);
    const steps = timeline(
      strict,
      [
        { state: base(leave('t2', sec(300))), now: sec(300) },
        { state: base(leave('t2', sec(300)), join(staff('t2'), sec(310))), now: sec(310) },
      ],
      'no-one-to-one',
    );
    assert.deepEqual(
      steps.map((s) => s.started),
      [[], []],
    );
  });

  it('seed 003, line 3: raised after the grace period and cleared when a colleague joins', () => {
    const steps = timeline(
      strict,
      [
        { state: oneToOne(), now: at(1) },
        { state: oneToOne(), now: at(1) + 30_000 },
        { state: oneToOne(join(staff('t2'), at(2))), now: at(2) },
      ],
      'no-one-to-one',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [[], []],
        [['no-one-to-one'], []],
        [[], ['no-one-to-one']],
      ],
    );
  });
});
