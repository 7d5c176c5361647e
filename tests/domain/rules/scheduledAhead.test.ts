import { strict as assert } from 'node:assert';
import { scheduledAhead } from '../../../bot/src/domain/rules/scheduledAhead.js';
import { at, compliantLesson, details, meeting, policy, started, timeline } from '../builders.js';

describe('rules/scheduled-ahead', () => {
  const strict = policy();

  it('seed 003 line 10: never a "Meet now" meeting, which has no lobby', () => {
    const [finding] = scheduledAhead.evaluate(strict, meeting(started(at(0), { meetingType: 'MeetNow' })), at(0));
    assert.equal(finding?.key, 'scheduled-ahead:meet-now');
    assert.equal(finding?.debounce, false);
  });

  it('seed 001 #8: scheduled at least 48 hours in advance', () => {
    const shortNotice = compliantLesson(details(at(0), { createdAt: at(-60 * 24) }));
    assert.equal(scheduledAhead.evaluate(strict, shortNotice, at(1))[0]?.key, 'scheduled-ahead:short-notice');
    const inGoodTime = compliantLesson(details(at(0), { createdAt: at(-60 * 49) }));
    assert.deepEqual(scheduledAhead.evaluate(strict, inGoodTime, at(1)), []);
  });

  it('seed 000 #1 (sessions approved by SLT) with seed 001 #8: short notice a senior leader approved is not raised', () => {
    const approved = compliantLesson(details(at(0), { createdAt: at(-60 * 24), noticeApproved: true }));
    assert.deepEqual(scheduledAhead.evaluate(strict, approved, at(1)), []);
    // A later move a senior leader did not approve takes the approval back.
    const movedWithout = compliantLesson(
      details(at(0), { createdAt: at(-60 * 24), noticeApproved: true }),
      details(at(0), { noticeApproved: false }),
    );
    assert.equal(scheduledAhead.evaluate(strict, movedWithout, at(1))[0]?.key, 'scheduled-ahead:short-notice');
  });

  it('seed 001 #8: says how much notice there was and what the school asks for', () => {
    const [finding] = scheduledAhead.evaluate(
      strict,
      compliantLesson(details(at(0), { createdAt: at(-60 * 5) })),
      at(1),
    );
    assert.match(finding!.message, /scheduled 5 hours before it started; the school asks for at least 48 hours/);
    assert.doesNotMatch(`${finding!.message} ${finding!.action}`, /seed/i);
  });

  it('follows the policy: "Meet now" allowed and no notice asked for', () => {
    const relaxed = policy({ scheduling: { forbidMeetNow: false, minHoursAhead: 0 } });
    assert.equal(scheduledAhead.enabled(relaxed), false);
  });

  it('seed 001 #8: measured against the scheduled start when Teams gives one', () => {
    const state = compliantLesson(details(at(0), { createdAt: at(-60 * 24), scheduledStart: at(60 * 30) }));
    assert.deepEqual(scheduledAhead.evaluate(strict, state, at(1)), []);
  });

  it('seed 003 line 10: a scheduled lesson with unknown creation time raises nothing', () => {
    assert.deepEqual(scheduledAhead.evaluate(strict, compliantLesson(), at(1)), []);
  });

  it('seed 003 line 10: raised at once (no grace) and cleared when Teams says it is scheduled after all', () => {
    const meetNow = meeting(started(at(0), { meetingType: 'MeetNow' }));
    const corrected = meeting(started(at(0), { meetingType: 'MeetNow' }), details(at(1), { meetingType: 'Scheduled' }));
    const steps = timeline(
      strict,
      [
        { state: meetNow, now: at(0) },
        { state: corrected, now: at(1) },
      ],
      'scheduled-ahead',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['scheduled-ahead:meet-now'], []],
        [[], ['scheduled-ahead:meet-now']],
      ],
    );
  });
});
