/** A lesson as the side panel tests build it: a teacher, a pupil and the stored record their events make. */
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import { emptyMeeting, reduce } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent, TrackedFinding } from '../../../bot/src/domain/types.js';

/** When the lesson starts. */
export const T0 = Date.parse('2026-03-10T10:00:00Z');
/** A minute, in ms. */
export const MIN = 60_000;
/** A member of staff. */
export const teacher = { id: 'staff-1', teamsId: '29:s1', name: 'Ms Adams', role: 'staff' as const };
/** A pupil. */
export const pupil = { id: 'pupil-1', teamsId: '29:p1', name: 'Pupil One', role: 'pupil' as const };

/** The stored record of a lesson these events made, with these alerts. */
export function lesson(events: MeetingEvent[], alerts: Record<string, TrackedFinding> = {}): MeetingRecord {
  return { state: events.reduce(reduce, emptyMeeting('tenant', 'meeting')), alerts, etag: 'W/"1"' };
}
/** Maths starts at T0. */
export const started: MeetingEvent = {
  kind: 'meetingStarted',
  id: 's',
  at: T0,
  meetingType: 'Scheduled',
  title: 'Maths',
};
/** The teacher or the pupil joins at `at`. */
export const joined = (p: typeof teacher | typeof pupil, at: number, id = `j-${p.id}`): MeetingEvent => ({
  kind: 'participantJoined',
  id,
  at,
  participant: p,
});
