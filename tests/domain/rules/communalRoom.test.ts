import { strict as assert } from 'node:assert';
import { communalRoom } from '../../../bot/src/domain/rules/communalRoom.js';
import { at, check, join, leave, meeting, policy, pupil, staff, started, timeline } from '../builders.js';

describe('rules/communal-room', () => {
  const strict = policy();
  const lesson = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(staff('t2'), at(0)), join(pupil('p1'), at(1)), ...more);

  it('seed 002 line 35: a child in their bedroom has their camera switched off and is asked to move', () => {
    const [finding] = communalRoom.evaluate(strict, lesson(check('p1', 'communalRoom', false, at(2))), at(2));
    assert.equal(finding?.key, 'communal-room:p1:no');
    assert.match(finding?.action ?? '', /camera/);
  });

  it('seed 001 #9: children should not be in their bedroom: unchecked after the allowed minutes is flagged', () => {
    assert.equal(communalRoom.evaluate(strict, lesson(), at(6))[0]?.key, 'communal-room:p1');
  });

  it('seed 000 pupils #4: a communal room recorded is fine; a pupil who left is not chased', () => {
    assert.deepEqual(communalRoom.evaluate(strict, lesson(check('p1', 'communalRoom', true, at(2))), at(10)), []);
    assert.deepEqual(communalRoom.evaluate(strict, lesson(leave('p1', at(3))), at(10)), []);
  });

  it("seed 001 #9: the allowed minutes run from the pupil's first join, not from a reconnect", () => {
    const reconnected = lesson(leave('p1', at(4)), join(pupil('p1'), at(5)));
    assert.equal(communalRoom.evaluate(strict, reconnected, at(6)).length, 1);
  });

  it('seed 002 line 35: cleared once the pupil has moved and staff record it', () => {
    const steps = timeline(
      strict,
      [
        { state: lesson(), now: at(6) },
        { state: lesson(check('p1', 'communalRoom', true, at(7))), now: at(7) },
      ],
      'communal-room',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['communal-room:p1'], []],
        [[], ['communal-room:p1']],
      ],
    );
  });
});
