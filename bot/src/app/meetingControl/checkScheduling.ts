/**
 * Scheduling rules (seed 001 #8, seed 003, bullet 8): a lesson is a scheduled meeting, never
 * "Meet now" (which has no lobby), and is created at least the policy's hours before it starts.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { Finding, MeetingKind } from '../../domain/types.js';

/** What is known of how and when the meeting was set up; any part may be unknown. Times are epoch ms. */
export interface SchedulingFacts {
  /** From `getMeetingInfo` (`details.type`) when the app is added or the tab opens. */
  meetingType?: MeetingKind;
  /** Graph `creationDateTime`. */
  createdAt?: number;
  /** Graph `startDateTime`. */
  startAt?: number;
}

const HOUR_MS = 3_600_000;

/** Findings for a "Meet now" lesson and for one created at short notice; none when the facts are unknown. */
export function checkScheduling(policy: Policy, facts: SchedulingFacts): Finding[] {
  const findings: Finding[] = [];
  if (policy.scheduling.forbidMeetNow && facts.meetingType === 'MeetNow') {
    findings.push({
      ruleId: 'scheduled-ahead',
      key: 'scheduled-ahead:meet-now',
      severity: 'warning',
      audience: ['organizer', 'staffPresent'],
      message: 'This lesson is a "Meet now" meeting: it has no lobby, so pupils are not checked before they join, and Teams sends Chaperone no join or leave events.',
      action: 'End this meeting and schedule the lesson in your Teams or Outlook calendar instead, then send the new link.',
      debounce: false,
      source: 'seed 003, bullet 8; seed 001 #8',
    });
  }
  const { createdAt, startAt } = facts;
  const minHours = policy.scheduling.minHoursAhead;
  if (minHours > 0 && createdAt !== undefined && startAt !== undefined && startAt - createdAt < minHours * HOUR_MS) {
    const hours = Math.max(0, Math.floor((startAt - createdAt) / HOUR_MS));
    findings.push({
      ruleId: 'scheduled-ahead',
      key: 'scheduled-ahead:short-notice',
      severity: 'warning',
      audience: ['organizer', 'staffPresent'],
      message: `This lesson was scheduled ${hours} hour${hours === 1 ? '' : 's'} before it starts; the school's policy asks for at least ${minHours} hours, so parents can be told in time.`,
      action: 'Move the lesson to a later date, or record why it could not wait and tell the parents and your senior leader now.',
      debounce: false,
      source: 'seed 001 #8',
    });
  }
  return findings;
}
