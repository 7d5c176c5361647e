/** Lessons are scheduled, never "Meet now", and created far enough ahead for parents to be told. */
import { findingOf, type Rule } from './rule.js';
import type { Finding } from '../types.js';

const HOUR = 3_600_000;

/** scheduled-ahead: a "Meet now" meeting (no lobby) or one created at short notice. */
export const scheduledAhead: Rule = {
  id: 'scheduled-ahead',
  source: 'seed 003 line 10, seed 001 #8',
  enabled: (policy) => policy.scheduling.forbidMeetNow || policy.scheduling.minHoursAhead > 0,
  evaluate(policy, state) {
    const findings: Finding[] = [];
    if (policy.scheduling.forbidMeetNow && state.meetingType === 'MeetNow') {
      findings.push(
        findingOf(this, {
          key: 'scheduled-ahead:meet-now',
          severity: 'warning',
          audience: ['organizer', 'staffPresent'],
          message: 'This lesson is a "Meet now" call, which has no lobby: pupils come straight in.',
          action: 'End this call and schedule the lesson in your Outlook or Teams calendar, then share that link.',
          debounce: false,
        }),
      );
    }
    const start = state.scheduledStart ?? state.startedAt;
    const hours = policy.scheduling.minHoursAhead;
    // A senior leader approved the shorter notice when the lesson was booked: not a breach to report again.
    const approved = state.noticeApproved === true;
    if (
      hours > 0 &&
      !approved &&
      state.createdAt !== undefined &&
      start !== undefined &&
      start - state.createdAt < hours * HOUR
    ) {
      const ahead = Math.max(0, Math.floor((start - state.createdAt) / HOUR));
      findings.push(
        findingOf(this, {
          key: 'scheduled-ahead:short-notice',
          severity: 'info',
          audience: ['organizer'],
          message: `This lesson was scheduled ${ahead} hour${ahead === 1 ? '' : 's'} before it started; the school asks for at least ${hours} hours, so parents may not have been told in time.`,
          action: `Schedule future lessons at least ${hours} hours ahead so parents are notified.`,
          debounce: false,
        }),
      );
    }
    return findings;
  },
  describe: (policy) =>
    [
      policy.scheduling.forbidMeetNow
        ? 'Lessons are scheduled meetings, never "Meet now" calls (those have no lobby).'
        : '',
      policy.scheduling.minHoursAhead > 0
        ? `They are scheduled at least ${policy.scheduling.minHoursAhead} hours ahead.`
        : '',
    ]
      .filter(Boolean)
      .join(' '),
};
