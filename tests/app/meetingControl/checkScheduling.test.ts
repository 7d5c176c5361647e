import { strict as assert } from 'node:assert';
import { parsePolicy } from '../../../bot/src/domain/policy/schema.js';
import { checkScheduling } from '../../../bot/src/app/meetingControl/checkScheduling.js';

const HOUR = 3_600_000;
const start = Date.UTC(2025, 0, 20, 10, 0);
const policy = parsePolicy({});

describe('checkScheduling', () => {
  it('seed 003, bullet 8: a "Meet now" lesson (no lobby) is reported to staff', () => {
    const findings = checkScheduling(policy, { meetingType: 'MeetNow' });
    assert.deepEqual(findings.map((f) => f.key), ['scheduled-ahead:meet-now']);
    assert.deepEqual(findings[0]!.audience, ['organizer', 'staffPresent']);
    assert.match(findings[0]!.message, /no lobby/);
  });

  it('seed 001 #8: a lesson created less than 48 hours before it starts is reported', () => {
    const findings = checkScheduling(policy, { meetingType: 'Scheduled', createdAt: start - 5 * HOUR, startAt: start });
    assert.deepEqual(findings.map((f) => f.key), ['scheduled-ahead:short-notice']);
    assert.match(findings[0]!.message, /scheduled 5 hours before.*at least 48 hours/);
  });

  it('seed 001 #8: a lesson created exactly 48 hours ahead is fine', () => {
    assert.deepEqual(checkScheduling(policy, { meetingType: 'Scheduled', createdAt: start - 48 * HOUR, startAt: start }), []);
  });

  it('reports nothing when the creation time is unknown', () => {
    assert.deepEqual(checkScheduling(policy, { meetingType: 'Scheduled', startAt: start }), []);
  });

  it('follows the policy: Meet now allowed and no notice needed', () => {
    const relaxed = parsePolicy({ scheduling: { forbidMeetNow: false, minHoursAhead: 0 } });
    assert.deepEqual(checkScheduling(relaxed, { meetingType: 'MeetNow', createdAt: start, startAt: start }), []);
  });
});
