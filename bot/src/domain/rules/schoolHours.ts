/** Lessons run inside school hours, on school days, in the school's own time zone. */
import { clockToMs, localTime } from '../localTime.js';
import type { Policy } from '../policy/schema.js';
import { pupilsPresent } from '../presence.js';
import { findingOf, type Rule } from './rule.js';

const DAY_NAMES = ['', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday', 'Sunday'];

/** Whether `at` falls inside the policy's school hours. */
export function inSchoolHours(policy: Policy, at: number): boolean {
  const { weekday, msOfDay } = localTime(at, policy.school.timeZone);
  const { start, end, days } = policy.schoolHours;
  return days.includes(weekday) && msOfDay >= clockToMs(start) && msOfDay < clockToMs(end);
}

/** school-hours: pupils in a lesson outside the school day (staff-only meetings are not lessons). */
export const schoolHours: Rule = {
  id: 'school-hours',
  source: 'seed 001 #3',
  enabled: (policy) => policy.schoolHours.enabled,
  evaluate(policy, state, now) {
    if (pupilsPresent(state).length === 0 || inSchoolHours(policy, now)) return [];
    const { start, end } = policy.schoolHours;
    return [
      findingOf(this, {
        key: 'school-hours',
        severity: 'warning',
        audience: ['staffPresent', 'organizer'],
        message: `Pupils are in a lesson outside school hours (${start} to ${end}, ${policy.schoolHours.days.map((d) => DAY_NAMES[d]).join(', ')}).`,
        action:
          'Bring the lesson to a close and end the meeting for everyone; arrange the next one within school hours.',
        debounce: true,
      }),
    ];
  },
  /** The end of today's school hours, while a lesson runs inside them (a timer re-checks then). */
  nextChangeAt(policy, state, now) {
    if (pupilsPresent(state).length === 0 || !inSchoolHours(policy, now)) return undefined;
    const { msOfDay } = localTime(now, policy.school.timeZone);
    return now + clockToMs(policy.schoolHours.end) - msOfDay;
  },
  describe: (policy) =>
    `Lessons run between ${policy.schoolHours.start} and ${policy.schoolHours.end} (${policy.school.timeZone}) on ${policy.schoolHours.days.map((d) => DAY_NAMES[d]).join(', ')}.`,
};
