import { strict as assert } from 'node:assert';
import { parsePolicy, PolicyError } from '../../../bot/src/domain/policy/schema.js';

describe('domain/policy/schema', () => {
  it('fills every default from nothing: the strict policy', () => {
    const policy = parsePolicy(undefined);
    assert.equal(policy.staffing.minStaffWithPupils, 2); // seed 000 #7
    assert.equal(policy.schoolHours.start, '09:00'); // seed 001 #3
    assert.equal(policy.duration.pupilSessionMinutes, 20); // seed 004 line 28
    assert.equal(policy.scheduling.minHoursAhead, 48); // seed 001 #8
    assert.equal(policy.graceSeconds, 30);
  });

  it('bad input gives a PolicyError with one "path: reason" line per problem', () => {
    try {
      parsePolicy({
        schoolHours: { start: '9am' },
        school: { timeZone: 'Mars/Olympus' },
        staffing: { minStaffWithPupils: 0 },
      });
      assert.fail('expected a PolicyError');
    } catch (error) {
      assert.ok(error instanceof PolicyError);
      assert.equal(error.issues.length, 3);
      assert.ok(error.issues.some((i) => i.startsWith('schoolHours.start: ') && i.includes('HH:MM')));
      assert.ok(error.issues.some((i) => i.startsWith('school.timeZone: ') && i.includes('IANA')));
      assert.ok(error.issues.some((i) => i.startsWith('staffing.minStaffWithPupils: ')));
      assert.match(error.message, /not valid/);
    }
  });

  it('a misspelt field is an error, not silently ignored', () => {
    assert.throws(
      () => parsePolicy({ staffing: { minStaff: 2 } }),
      (e: unknown) =>
        e instanceof PolicyError && e.issues.some((i) => i.startsWith('staffing: ') && i.includes('minStaff')),
    );
  });

  it('a policy that is not an object is refused', () => {
    assert.throws(
      () => parsePolicy(['strict']),
      (e: unknown) => e instanceof PolicyError && e.issues[0]?.startsWith('(policy): ') === true,
    );
  });
});
