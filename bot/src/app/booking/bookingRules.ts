/** The school's booking rules as the "Book a lesson" form shows them next to its fields. */
import type { Policy } from '../../domain/policy/schema.js';

/** What the form shows; `null` where the school's policy has no such rule. */
export interface BookingRules {
  /** Hours of notice a lesson needs (0: none). */
  minHoursAhead: number;
  /** Longest lesson with pupils, in minutes. */
  maxPupilMinutes: number | null;
  /** `HH:MM` in the school's time zone, on ISO weekdays (1 = Monday ... 7 = Sunday). */
  schoolHours: { start: string; end: string; days: number[] } | null;
  timeZone: string;
}

/** The rules `validateBooking` checks, from the same policy fields. */
export function bookingRules(policy: Policy): BookingRules {
  const { start, end, days } = policy.schoolHours;
  return {
    minHoursAhead: policy.scheduling.minHoursAhead,
    maxPupilMinutes: policy.duration.enabled ? policy.duration.pupilSessionMinutes : null,
    schoolHours: policy.schoolHours.enabled ? { start, end, days: [...days] } : null,
    timeZone: policy.school.timeZone,
  };
}
