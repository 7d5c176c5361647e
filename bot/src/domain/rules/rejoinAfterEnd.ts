/**
 * Someone joined a lesson again after it was ended for everyone (the join link stays valid, and
 * Teams starts the call afresh): said in those words, not as a generic "no member of staff".
 */
import { localTime } from '../localTime.js';
import { presenceIntervals, pupilsPresent, staffPresent } from '../presence.js';
import type { MeetingState } from '../types.js';
import { count, findingOf, type Rule } from './rule.js';

/**
 * Whether the lesson's current run began after an earlier run of it ended the same day (in the
 * school's time zone): someone was in it and had left by the time it started again. The first start
 * of a lesson, and the next day's meeting of a recurring series, are not restarts.
 */
export function restartedAfterEnd(state: MeetingState, timeZone: string): boolean {
  const start = state.startedAt;
  if (start === undefined) return false;
  const midnight = start - localTime(start, timeZone).msOfDay;
  return Object.values(state.people).some((person) =>
    presenceIntervals(person).some((i) => i.to !== undefined && i.to >= midnight && i.to <= start),
  );
}

/**
 * rejoin-after-end: pupils back in a lesson that was ended for everyone (still ended, or started
 * again the same day) with no member of staff. It has the `unsupervised` finding's key and comes
 * after that rule in `RULES`, so it takes that finding's place (one alert, in these words) rather
 * than adding a second one.
 */
export const rejoinAfterEnd: Rule = {
  id: 'rejoin-after-end',
  source: 'seed 000 #10, seed 003 lines 14-15',
  enabled: (policy) => policy.staffing.unsupervisedAlert,
  evaluate(policy, state) {
    const pupils = pupilsPresent(state);
    if (pupils.length === 0 || staffPresent(state).length > 0) return [];
    if (state.endedAt === undefined && !restartedAfterEnd(state, policy.school.timeZone)) return [];
    const title = state.title.trim() || 'the lesson';
    return [
      findingOf(this, {
        key: 'unsupervised',
        severity: 'critical',
        audience: ['dsl', 'organizer'],
        message: `Someone joined "${title}" after it was ended for everyone: ${count(pupils.length, 'pupil is', 'pupils are')} in it with no member of staff.`,
        action:
          'Join it now and ask them to leave, then open the meeting and choose End meeting (under the three dots) so everyone leaves.',
        debounce: true,
        subjectIds: pupils.map((p) => p.id),
      }),
    ];
  },
  describe: () =>
    'If pupils join a lesson again after it was ended for everyone, with no member of staff there, the organiser and the DSL are told at once.',
};
