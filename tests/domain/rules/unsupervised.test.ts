import { strict as assert } from 'node:assert';
import { unsupervised } from '../../../bot/src/domain/rules/unsupervised.js';
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

describe('rules/unsupervised', () => {
  const strict = policy();

  it('seed 003 line 15: pupils left in the meeting with no staff is critical and the DSL is told', () => {
    const [finding] = unsupervised.evaluate(strict, compliantLesson(leave('t1', at(5)), leave('t2', at(5))), at(5));
    assert.equal(finding?.severity, 'critical');
    assert.deepEqual(finding?.audience, ['dsl', 'organizer']);
    assert.deepEqual(finding?.subjectIds, ['p1']);
    assert.equal(finding?.debounce, true);
    assert.doesNotMatch(`${finding?.message} ${finding?.action}`, /KCSIE/);
  });

  it('seed 000 #10: pupils who rejoin after the end, with no adult, are unsupervised', () => {
    const state = compliantLesson(
      leave('t1', at(20)),
      leave('t2', at(20)),
      leave('p1', at(20)),
      ended(at(20)),
      join(pupil('p1'), at(25)),
    );
    assert.equal(unsupervised.evaluate(strict, state, at(25)).length, 1);
  });

  it('seed 003 line 15: a pupil with staff present is supervised', () => {
    assert.deepEqual(unsupervised.evaluate(strict, compliantLesson(), at(5)), []);
    assert.deepEqual(unsupervised.evaluate(strict, meeting(started(at(0)), join(staff('t1'), at(0))), at(5)), []);
  });

  it('seed 003 line 15: a teacher reconnecting within the grace period pages nobody', () => {
    const steps = timeline(
      strict,
      [
        { state: compliantLesson(leave('t1', sec(100)), leave('t2', sec(100))), now: sec(100) },
        {
          state: compliantLesson(
            leave('t1', sec(100)),
            leave('t2', sec(100)),
            join(staff('t1'), sec(110)),
            join(staff('t2'), sec(110)),
          ),
          now: sec(110),
        },
      ],
      'unsupervised',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [[], []],
        [[], []],
      ],
    );
  });

  it('seed 003 line 15: raised after the grace period, cleared once when staff return', () => {
    const alone = compliantLesson(leave('t1', sec(100)), leave('t2', sec(100)));
    const back = compliantLesson(leave('t1', sec(100)), leave('t2', sec(100)), join(staff('t1'), sec(200)));
    const steps = timeline(
      strict,
      [
        { state: alone, now: sec(100) },
        { state: alone, now: sec(130) },
        { state: back, now: sec(200) },
      ],
      'unsupervised',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [[], []],
        [['unsupervised'], []],
        [[], ['unsupervised']],
      ],
    );
  });

  it('is off when the policy turns the alert off', () => {
    assert.equal(unsupervised.enabled(policy({ staffing: { unsupervisedAlert: false } })), false);
  });
});
