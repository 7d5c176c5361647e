/**
 * The lesson a concern came from: looked up in the school's own records when the concern is logged
 * (title and start time kept with it, so the record reads the same after the lesson is purged), and
 * put in words people read: `"Year 5 maths", Tue 10 Mar 09:00`, never a meeting id.
 */
import type { Viewer } from '../permissions.js';
import { lessonLinkOf, lessonSeenBy, type RecentPupilsDeps } from './recentPupils.js';
import { formatLessonTime } from '../time.js';
import type { LessonLink } from './types.js';

/** Said for a concern that did not come from a lesson. */
export const NOT_LINKED = 'Not linked to a lesson';

/** The lesson as people read it; {@link NOT_LINKED} when there is none. */
export function lessonWords(lesson: LessonLink | undefined, timeZone: string): string {
  if (!lesson) return NOT_LINKED;
  const title = `"${lesson.title.trim() || 'a lesson'}"`;
  return lesson.startedAt === undefined ? title : `${title}, ${formatLessonTime(lesson.startedAt, timeZone)}`;
}

/**
 * The lesson a concern names (by the id a form or card carried), with the title and start time the
 * school's records hold, when the viewer may see that lesson (same tenant; a DSL, or staff who took
 * part). Otherwise the link stays as it was sent: no title or time comes from another school's or
 * another teacher's lesson.
 */
export async function lessonOnRecord(deps: RecentPupilsDeps, viewer: Viewer, sent: LessonLink): Promise<LessonLink> {
  const state = await lessonSeenBy(deps, viewer, sent.meetingId);
  if (!state) return sent;
  const found = lessonLinkOf(state);
  return { ...found, title: state.title.trim() ? found.title : sent.title };
}
