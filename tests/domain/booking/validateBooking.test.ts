import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import type { BookingFacts, BookingPlan } from '../../../bot/src/domain/booking/bookingPlan.js';
import { validateBooking } from '../../../bot/src/domain/booking/validateBooking.js';
import { policy } from '../builders.js';

const HOUR = 3_600_000;
// Monday 4 March 2024, 09:30 in London (GMT): the moment the teacher books.
const NOW = Date.UTC(2024, 2, 4, 9, 30);
// Wednesday 6 March 2024, 10:00 in London: 48.5 hours later, inside school hours.
const WEDNESDAY_10AM = Date.UTC(2024, 2, 6, 10, 0);

const plan = (over: Partial<BookingPlan> = {}): BookingPlan => ({
  start: WEDNESDAY_10AM,
  durationMinutes: 20,
  pupilCount: 12,
  otherStaffIds: ['osei'],
  ...over,
});
const facts = (over: Partial<BookingFacts> = {}): BookingFacts => ({
  organizerId: 'khan',
  organizerIsSlt: false,
  otherStaffRoles: { osei: 'staff' },
  ...over,
});
const strict = policy();

describe('booking/validateBooking', () => {
  it('a compliant lesson passes, naming every rule it was checked against', () => {
    const check = validateBooking(strict, plan(), NOW, facts());
    assert.deepEqual(check.problems, []);
    assert.deepEqual(check.passed, ['scheduled-ahead', 'school-hours', 'max-duration', 'staff-pair', 'no-one-to-one']);
  });

  describe('seed 001 #8: scheduled at least 48 hours ahead (strict preset)', () => {
    it('47 hours ahead is refused next to the start time, with the rule in plain words', () => {
      const check = validateBooking(strict, plan(), WEDNESDAY_10AM - 47 * HOUR, facts());
      assert.equal(check.problems.length, 1);
      assert.equal(check.problems[0]?.field, 'start');
      assert.match(check.problems[0]!.message, /at least 48 hours ahead, so parents can be told in time/);
      assert.deepEqual(check.passed, []);
    });

    it('exactly 48 hours ahead is enough', () => {
      assert.deepEqual(validateBooking(strict, plan({ start: NOW + 48 * HOUR }), NOW, facts()).problems, []);
    });

    it('a start in the past is refused whatever the notice asked', () => {
      const relaxed = policy({ scheduling: { minHoursAhead: 0 }, schoolHours: { enabled: false } });
      const [first] = validateBooking(relaxed, plan({ start: NOW - 1 }), NOW, facts()).problems;
      assert.match(first!.message, /already passed/);
    });

    it('a preset asking no notice lets a lesson be booked for later today', () => {
      const relaxed = policy({ scheduling: { minHoursAhead: 0 } });
      assert.deepEqual(validateBooking(relaxed, plan({ start: NOW + HOUR }), NOW, facts()).problems, []);
    });

    it('a senior leader may book at shorter notice with a reason, which is kept', () => {
      const check = validateBooking(
        strict,
        plan({ start: NOW + 2 * HOUR, noticeOverride: { reason: '  Exam support before Friday ' } }),
        NOW,
        facts({ organizerIsSlt: true }),
      );
      assert.deepEqual(check.problems, []);
      assert.deepEqual(check.noticeOverridden, { reason: 'Exam support before Friday' });
    });

    it('a senior leader is told they may override, and must say why', () => {
      const told = validateBooking(strict, plan({ start: NOW + 2 * HOUR }), NOW, facts({ organizerIsSlt: true }));
      assert.match(told.problems[0]!.message, /As a senior leader you can still book it if you say why/);
      const blank = validateBooking(
        strict,
        plan({ start: NOW + 2 * HOUR, noticeOverride: { reason: '   ' } }),
        NOW,
        facts({ organizerIsSlt: true }),
      );
      assert.deepEqual(
        blank.problems.map((p) => p.field),
        ['noticeOverride'],
      );
    });

    it('anyone else asking to override is refused next to the override', () => {
      const check = validateBooking(
        strict,
        plan({ start: NOW + 2 * HOUR, noticeOverride: { reason: 'Urgent' } }),
        NOW,
        facts(),
      );
      assert.deepEqual(
        check.problems.map((p) => p.field),
        ['start', 'noticeOverride'],
      );
      assert.equal(check.noticeOverridden, undefined);
    });
  });

  describe('seed 001 #3: school hours, on school days', () => {
    it('a lesson running past the end of the school day is refused', () => {
      const start = Date.UTC(2024, 2, 6, 14, 50);
      const [first] = validateBooking(strict, plan({ start }), NOW, facts()).problems;
      assert.equal(first?.field, 'start');
      assert.match(first!.message, /not start and finish within school hours\. Lessons run between 09:00 and 15:00/);
    });

    it('a lesson ending exactly at the end of the day is inside', () => {
      const start = Date.UTC(2024, 2, 6, 14, 40);
      assert.deepEqual(validateBooking(strict, plan({ start }), NOW, facts()).problems, []);
    });

    it('a Saturday lesson is refused', () => {
      const saturday = Date.UTC(2024, 2, 9, 10, 0);
      assert.equal(
        validateBooking(strict, plan({ start: saturday }), NOW, facts()).problems[0]?.ruleId,
        'school-hours',
      );
    });

    it("uses the school's time zone: 09:30 in London in summer is 08:30 UTC", () => {
      const summerNow = Date.UTC(2024, 5, 3, 8, 0);
      const start = Date.UTC(2024, 5, 5, 8, 30);
      assert.deepEqual(validateBooking(strict, plan({ start }), summerNow, facts()).problems, []);
    });
  });

  describe('seed 004 lines 28-29: time limits', () => {
    it('a lesson with pupils lasts at most 20 minutes', () => {
      const [first] = validateBooking(strict, plan({ durationMinutes: 25 }), NOW, facts()).problems;
      assert.equal(first?.field, 'durationMinutes');
      assert.match(first!.message, /last at most 20 minutes/);
    });

    it('a staff-only meeting has the 40-minute limit and needs no second adult', () => {
      const staffOnly = plan({ pupilCount: 0, durationMinutes: 40, otherStaffIds: [] });
      assert.deepEqual(validateBooking(strict, staffOnly, NOW, facts()).problems, []);
      const tooLong = validateBooking(strict, { ...staffOnly, durationMinutes: 41 }, NOW, facts()).problems;
      assert.match(tooLong[0]!.message, /Staff-only meetings last at most 40 minutes/);
    });

    it('a preset without time limits accepts a long lesson', () => {
      const relaxed = policy({ duration: { enabled: false }, schoolHours: { enabled: false } });
      assert.deepEqual(validateBooking(relaxed, plan({ durationMinutes: 90 }), NOW, facts()).problems, []);
    });
  });

  describe('seed 000 #7, seed 003 line 4: a second member of staff', () => {
    it('is required when pupils are invited', () => {
      const [first] = validateBooking(strict, plan({ otherStaffIds: [] }), NOW, facts()).problems;
      assert.equal(first?.field, 'otherStaff');
      assert.match(first!.message, /Choose another member of staff to join you\..*at least 2 members of staff/);
    });

    it('the organizer picking themselves does not count', () => {
      const check = validateBooking(strict, plan({ otherStaffIds: ['khan'] }), NOW, facts());
      assert.equal(check.problems[0]?.ruleId, 'staff-pair');
    });

    it('a pupil (or a guest, or someone unknown) is never the second adult', () => {
      for (const role of ['pupil', 'guest', 'unknown'] as const) {
        const check = validateBooking(
          strict,
          plan({ otherStaffIds: ['amira'] }),
          NOW,
          facts({ otherStaffRoles: { amira: role } }),
        );
        assert.deepEqual(
          check.problems.map((p) => p.field),
          ['otherStaff', 'otherStaff'],
          role,
        );
        assert.match(check.problems[0]!.message, /must be a member of staff, never a pupil or a guest/);
      }
    });
  });

  it('seed 003 line 3: with one member of staff allowed, still never alone with one pupil', () => {
    const onePupil = plan({ pupilCount: 1, otherStaffIds: [] });
    const single = policy({ staffing: { minStaffWithPupils: 1, forbidOneToOne: true } });
    assert.equal(validateBooking(single, onePupil, NOW, facts()).problems[0]?.ruleId, 'no-one-to-one');
    assert.deepEqual(validateBooking(single, { ...onePupil, pupilCount: 2 }, NOW, facts()).problems, []);
  });

  it('no message cites a seed or a policy document', () => {
    const bad = plan({ start: NOW + HOUR, durationMinutes: 300, otherStaffIds: ['amira'] });
    const check = validateBooking(strict, bad, NOW, facts({ otherStaffRoles: { amira: 'pupil' } }));
    assert.ok(check.problems.length >= 4);
    for (const p of check.problems) assert.doesNotMatch(p.message, /seed|policy/i);
  });

  it('property: a plan with no problems never breaks the same rules the live lesson checks', () => {
    fc.assert(
      fc.property(fc.integer({ min: -2 * 24, max: 7 * 24 }), fc.integer({ min: 1, max: 120 }), (hours, minutes) => {
        const p = plan({ start: NOW + hours * HOUR, durationMinutes: minutes });
        const check = validateBooking(strict, p, NOW, facts());
        if (check.problems.length) return;
        assert.ok(p.start - NOW >= 48 * HOUR);
        assert.ok(minutes <= 20);
      }),
    );
  });
});
