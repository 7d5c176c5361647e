/**
 * The "Now" part of the school view, from the board's entries: lessons live now or starting within
 * the hour, most urgent first, the rest of the day's scheduled lessons, and every critical alert
 * nobody has taken. Pure.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { minutes } from '../../domain/session.js';
import type { BoardEntry } from './boardEntry.js';
import type { BoardLesson, OpenAlert, SchoolNowView } from './schoolViewModel.js';

/** How long a scheduled lesson that has not started stays on the board as upcoming (a late start). */
export const LATE_START_MINUTES = 15;
/** How far ahead a scheduled lesson shows as upcoming. */
export const UPCOMING_WITHIN_MINUTES = 60;

/** The school's lessons and open alerts at `now`. */
export function schoolNowView(entries: readonly BoardEntry[], policy: Policy, now: number): SchoolNowView {
  const lessons: BoardLesson[] = [];
  const later: BoardLesson[] = [];
  const alerts: OpenAlert[] = [];
  for (const entry of entries) {
    for (const alert of entry.alerts) alerts.push({ meetingId: entry.meetingId, lessonTitle: entry.title, ...alert });
    const state = stateAt(entry, now);
    if (!state) continue;
    const {
      live: _live,
      endedAt: _endedAt,
      cancelledAt: _cancelled,
      alerts: _alerts,
      facts: _facts,
      ...lesson
    } = entry;
    if (state === 'later') later.push({ ...lesson, state: 'upcoming' });
    else lessons.push({ ...lesson, state });
  }
  const open = new Set(alerts.map((a) => a.meetingId));
  const rank = (l: BoardLesson) => (l.noAdult ? 0 : open.has(l.meetingId) ? 1 : 2);
  const start = (l: BoardLesson) => l.startedAt ?? l.scheduledStart ?? now;
  lessons.sort((a, b) => rank(a) - rank(b) || start(a) - start(b) || a.meetingId.localeCompare(b.meetingId));
  later.sort((a, b) => start(a) - start(b) || a.meetingId.localeCompare(b.meetingId));
  alerts.sort((a, b) => a.raisedAt - b.raisedAt || a.findingKey.localeCompare(b.findingKey));
  return { school: { name: policy.school.name, timeZone: policy.school.timeZone }, now, lessons, later, alerts };
}

/**
 * Where a lesson of today's board shows at `now`: live, upcoming (within the hour), later today, or not at all. A
 * cancelled lesson shows only while someone is in it (pupils may still join a cancelled meeting).
 */
function stateAt(entry: BoardEntry, now: number): BoardLesson['state'] | 'later' | undefined {
  if (entry.endedAt !== undefined) return undefined;
  if (entry.live) return 'live';
  if (entry.cancelledAt !== undefined) return undefined;
  const soon = entry.scheduledStart;
  if (soon === undefined || soon < now - minutes(LATE_START_MINUTES)) return undefined;
  return soon <= now + minutes(UPCOMING_WITHIN_MINUTES) ? 'upcoming' : 'later';
}
