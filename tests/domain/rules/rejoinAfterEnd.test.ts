import { strict as assert } from 'node:assert';
import { findingsOf } from '../../../bot/src/domain/evaluate.js';
import { rejoinAfterEnd, restartedAfterEnd } from '../../../bot/src/domain/rules/rejoinAfterEnd.js';
import { at, ended, join, leave, meeting, policy, pupil, staff, started, timeline } from '../builders.js';

const DAY = 24 * 60;
const strict = policy();
const zone = strict.school.timeZone;

/** A lesson run by two staff with one pupil, ended for everyone at 20 minutes. */
const endedLesson = () => [
  started(at(0), { organizerId: 't1' }),
  join(staff('t1'), at(0)),
  join(staff('t2'), at(0)),
  join(pupil('p1', { name: 'Amira Named' }), at(1)),
  ended(at(20)),
];

describe('rules/rejoin-after-end', () => {
  it('a pupil back in the call Teams started again the same day: one alert, in words about the ended lesson, in place of the generic one', () => {
    const state = meeting(...endedLesson(), started(at(40)), join(pupil('p1', { name: 'Amira Named' }), at(40)));
    const alerts = findingsOf(strict, state, at(41)).filter((f) => f.key === 'unsupervised');
    assert.equal(alerts.length, 1);
    const [alert] = alerts;
    assert.equal(alert?.ruleId, 'rejoin-after-end');
    assert.equal(alert?.severity, 'critical');
    assert.deepEqual(alert?.audience, ['dsl', 'organizer']);
    assert.match(alert!.message, /^Someone joined "Year 5 maths" after it was ended for everyone/);
    assert.match(alert!.action, /End meeting/);
    assert.doesNotMatch(`${alert?.message} ${alert?.action}`, /Amira|seed/);
  });

  it('a pupil back while the lesson is still ended (no new start) is said the same way', () => {
    const state = meeting(...endedLesson(), join(pupil('p1'), at(25)));
    assert.equal(rejoinAfterEnd.evaluate(strict, state, at(25))[0]?.key, 'unsupervised');
  });

  it('staff back with the pupil, or nobody back, is no alert', () => {
    assert.deepEqual(
      rejoinAfterEnd.evaluate(
        strict,
        meeting(...endedLesson(), started(at(40)), join(staff('t1'), at(40)), join(pupil('p1'), at(40))),
        at(41),
      ),
      [],
    );
    assert.deepEqual(
      rejoinAfterEnd.evaluate(strict, meeting(...endedLesson(), started(at(40)), join(staff('t1'), at(40))), at(41)),
      [],
    );
  });

  it("pupils alone in a first start, or in the next day's meeting of a series, get the generic alert", () => {
    const first = meeting(started(at(0)), join(pupil('p1'), at(0)));
    assert.deepEqual(rejoinAfterEnd.evaluate(strict, first, at(1)), []);
    assert.equal(findingsOf(strict, first, at(1)).find((f) => f.key === 'unsupervised')?.ruleId, 'unsupervised');
    const nextDay = meeting(...endedLesson(), started(at(DAY)), join(pupil('p1'), at(DAY)));
    assert.deepEqual(rejoinAfterEnd.evaluate(strict, nextDay, at(DAY + 1)), []);
  });

  it('is raised after the grace period like the alert it replaces, and clears when staff come back', () => {
    const alone = meeting(...endedLesson(), started(at(40)), join(pupil('p1'), at(40)));
    const back = meeting(...endedLesson(), started(at(40)), join(pupil('p1'), at(40)), join(staff('t1'), at(42)));
    const steps = timeline(
      strict,
      [
        { state: alone, now: at(40) },
        { state: alone, now: at(41) },
        { state: back, now: at(42) },
      ],
      'rejoin-after-end',
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

  it('is off when the school turns the unsupervised alert off', () => {
    assert.equal(rejoinAfterEnd.enabled(policy({ staffing: { unsupervisedAlert: false } })), false);
  });

  describe('restartedAfterEnd (whether this start is the lesson starting again)', () => {
    it('is false for a first start, true for a start after an end the same day, false the next day', () => {
      assert.equal(restartedAfterEnd(meeting(started(at(0)), join(staff('t1'), at(0))), zone), false);
      assert.equal(restartedAfterEnd(meeting(...endedLesson()), zone), false, 'ended, not started again');
      assert.equal(restartedAfterEnd(meeting(...endedLesson(), started(at(40))), zone), true);
      assert.equal(restartedAfterEnd(meeting(...endedLesson(), started(at(DAY))), zone), false);
    });

    it('counts a lesson everyone left before it ended (no presence closed by the end)', () => {
      const state = meeting(
        started(at(0)),
        join(staff('t1'), at(0)),
        leave('t1', at(10)),
        ended(at(10)),
        started(at(30)),
      );
      assert.equal(restartedAfterEnd(state, zone), true);
    });
  });
});
