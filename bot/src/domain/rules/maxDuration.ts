/** Lessons with pupils and staff-only meetings have separate time limits, with a countdown before each. */
import type { Policy } from '../policy/schema.js';
import { presentPeople } from '../presence.js';
import { hadPupils, isLive, minutes, sessionStartAt } from '../session.js';
import type { MeetingState } from '../types.js';
import { count, earliestAfter, findingOf, type Rule } from './rule.js';

interface Limit {
  /** When the limit is reached. */
  at: number;
  limitMinutes: number;
  kind: 'lesson' | 'staff meeting';
  /** Countdown instants, nearest the limit last, each with the minutes then left. */
  countdown: Array<{ at: number; minutesLeft: number }>;
}

// Asked twice per lesson state (the finding, then the next change); states are never mutated.
const limits = new WeakMap<MeetingState, { policy: Policy; limit: Limit | undefined }>();

/** The limit that applies to this meeting now, or undefined when it is not running. */
function limitFor(policy: Policy, state: MeetingState): Limit | undefined {
  const known = limits.get(state);
  if (known?.policy === policy) return known.limit;
  const limit = limitNow(policy, state);
  limits.set(state, { policy, limit });
  return limit;
}

function limitNow(policy: Policy, state: MeetingState): Limit | undefined {
  const start = sessionStartAt(state);
  if (start === undefined || !isLive(state) || presentPeople(state).length === 0) return undefined;
  const pupils = hadPupils(state);
  const limitMinutes = pupils ? policy.duration.pupilSessionMinutes : policy.duration.staffSessionMinutes;
  const at = start + minutes(limitMinutes);
  const countdown = [...new Set(policy.duration.countdownMinutes)]
    .filter((m) => m < limitMinutes)
    .sort((a, b) => b - a)
    .map((m) => ({ at: at - minutes(m), minutesLeft: m }));
  return { at, limitMinutes, kind: pupils ? 'lesson' : 'staff meeting', countdown };
}

/** max-duration: a countdown (info) before the limit and a warning once it is passed. */
export const maxDuration: Rule = {
  id: 'max-duration',
  source: 'seed 004 lines 28-29',
  enabled: (policy) => policy.duration.enabled,
  evaluate(policy, state, now) {
    const limit = limitFor(policy, state);
    if (!limit) return [];
    if (now >= limit.at) {
      return [
        findingOf(this, {
          key: 'max-duration:over',
          severity: 'warning',
          audience: ['staffPresent', 'organizer'],
          message: `This ${limit.kind} has passed its ${limit.limitMinutes}-minute limit.`,
          action: 'Say goodbye, ask pupils to leave, and end the meeting for everyone.',
          debounce: false,
        }),
      ];
    }
    const due = limit.countdown.filter((c) => now >= c.at).at(-1);
    if (!due) return [];
    return [
      findingOf(this, {
        key: `max-duration:${due.minutesLeft}`,
        severity: 'info',
        audience: ['staffPresent'],
        message: `${count(due.minutesLeft, 'minute', 'minutes')} left of this ${limit.kind}'s ${limit.limitMinutes}-minute limit.`,
        action: 'Start bringing the session to a close.',
        debounce: false,
      }),
    ];
  },
  nextChangeAt(policy, state, now) {
    const limit = limitFor(policy, state);
    return limit && earliestAfter(now, [...limit.countdown.map((c) => c.at), limit.at]);
  },
  describe: (policy) =>
    `Lessons with pupils last at most ${policy.duration.pupilSessionMinutes} minutes and staff-only meetings ${policy.duration.staffSessionMinutes} minutes; staff are warned ${policy.duration.countdownMinutes.join(', ')} minutes before the end.`,
};
