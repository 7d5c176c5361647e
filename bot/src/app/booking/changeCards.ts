/**
 * The cards the senior leaders and the other staff get when a booked lesson is cancelled or moved: the lesson,
 * its time, who changed it; never a pupil's name.
 */
import type { LessonCard } from '../delivery/lessonCards.js';
import { formatLessonTime } from '../time.js';
import type { BookedLesson } from './ports.js';

/** Who made the change, and the school's clock the times are shown on. */
export interface ChangeCardText {
  byName: string;
  timeZone: string;
}

/** "Cancelled: <title>, <time>" for one person; `cause` makes queuing it twice one card. */
export function cancelledCard(booking: BookedLesson, text: ChangeCardText, to: string, cause: string): LessonCard {
  return {
    cause,
    to,
    role: 'staff',
    title: `Cancelled: ${booking.title}, ${formatLessonTime(booking.start, text.timeZone)}`,
    lines: [
      `${text.byName} cancelled this lesson.`,
      `It was to last ${minutesOf(booking)} minutes, with ${booking.pupilCount} pupils invited.`,
    ],
  };
}

/** "Moved: <title> is now <time>" for one person, with the time it was before. */
export function movedCard(
  before: BookedLesson,
  after: BookedLesson,
  text: ChangeCardText,
  to: string,
  cause: string,
): LessonCard {
  return {
    cause,
    to,
    role: 'staff',
    title: `Moved: ${after.title} is now ${formatLessonTime(after.start, text.timeZone)}`,
    lines: [
      `It was ${formatLessonTime(before.start, text.timeZone)}; it now lasts ${minutesOf(after)} minutes.`,
      `${text.byName} moved it.`,
      ...(after.noticeOverride ? [`Moved at short notice, because: ${after.noticeOverride.reason}`] : []),
    ],
  };
}

function minutesOf(booking: BookedLesson): number {
  return Math.round((booking.end - booking.start) / 60_000);
}
