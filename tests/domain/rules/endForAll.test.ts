import { strict as assert } from 'node:assert';
import { endForAll } from '../../../bot/src/domain/rules/endForAll.js';
import {
  at,
  compliantLesson,
  ended,
  join,
  leave,
  meeting,
  policy,
  pupil,
  sec,
  staff,
  started,
  timeline,
} from '../builders.js';

describe('rules/end-for-all', () => {
  const strict = policy();

  it('seed 003 lines 14-15: meeting end closes everyone\'s presence, so "End meeting" itself raises nothing', () => {
    assert.deepEqual(endForAll.evaluate(strict, compliantLesson(ended(at(20))), at(20)), []);
  });

  it('seed 003 lines 14-15: a pupil back in the meeting after it ended (the link stays valid) is critical', () => {
    const [finding] = endForAll.evaluate(strict, compliantLesson(ended(at(20)), join(pupil('p1'), at(21))), at(21));
    assert.equal(finding?.key, 'end-for-all:after-end');
    assert.equal(finding?.severity, 'critical');
    assert.match(finding?.action ?? '', /End meeting/);
  });

  it('seed 000 #10 / seed 001 #6: the last member of staff leaving while pupils remain is critical', () => {
    const [finding] = endForAll.evaluate(strict, compliantLesson(leave('t1', at(10)), leave('t2', at(11))), at(11));
    assert.equal(finding?.key, 'end-for-all:staff-left');
    assert.deepEqual(finding?.subjectIds, ['p1']);
  });

  it('seed 001 #6: pupils leaving first, then the teacher closing, is fine', () => {
    const state = compliantLesson(leave('p1', at(18)), leave('t2', at(19)), leave('t1', at(19)), ended(at(19)));
    assert.deepEqual(endForAll.evaluate(strict, state, at(20)), []);
  });

  it('seed 000 #10: pupils arriving before any staff is not an end-for-all incident (unsupervised covers it)', () => {
    const state = meeting(started(at(0)), join(staff('t1'), at(0)), leave('t1', at(1)), join(pupil('p1'), at(2)));
    assert.deepEqual(endForAll.evaluate(strict, state, at(3)), []);
  });

  it('seed 003 lines 14-15: a pupil rejoining after the end and leaving within the grace period pages nobody; lingering is raised then cleared', () => {
    const end = compliantLesson(ended(sec(1200)), join(pupil('p1'), sec(1200), 'rejoin'));
    const gone = compliantLesson(ended(sec(1200)), join(pupil('p1'), sec(1200), 'rejoin'), leave('p1', sec(1210)));
    assert.deepEqual(
      timeline(
        strict,
        [
          { state: end, now: sec(1200) },
          { state: gone, now: sec(1210) },
        ],
        'end-for-all',
      ).map((s) => s.started),
      [[], []],
    );
    const steps = timeline(
      strict,
      [
        { state: end, now: sec(1200) },
        { state: end, now: sec(1230) },
        { state: gone, now: sec(1300) },
      ],
      'end-for-all',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [[], []],
        [['end-for-all:after-end'], []],
        [[], ['end-for-all:after-end']],
      ],
    );
  });
});
