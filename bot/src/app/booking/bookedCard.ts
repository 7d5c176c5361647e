/**
 * The card the senior leadership team gets for each booked lesson: the lesson, its time, the staff
 * and how many pupils, never a pupil's name.
 */
import { formatInZone } from '../time.js';
import type { LessonCard } from '../delivery/lessonCards.js';
import type { BookedLesson } from './ports.js';

/** What the card says, beyond the booking itself. */
export interface BookedCardText {
  organizerName: string;
  otherStaffNames: string[];
  notesForSlt?: string;
  timeZone: string;
}

/** The card for one senior leader; `cause` makes queuing it twice one card. */
export function bookedCard(booking: BookedLesson, text: BookedCardText, to: string, cause: string): LessonCard {
  const minutes = Math.round((booking.end - booking.start) / 60_000);
  return {
    cause,
    to,
    role: 'staff',
    title: `Lesson booked: ${booking.title}`,
    lines: [
      `When: ${formatInZone(booking.start, text.timeZone)}, ${minutes} minutes.`,
      `Staff: ${[text.organizerName, ...text.otherStaffNames].join(', ')}.`,
      `Pupils invited: ${booking.pupilCount}.`,
      ...(booking.noticeOverride ? [`Booked at short notice, because: ${booking.noticeOverride.reason}`] : []),
      ...(text.notesForSlt ? [`Notes for senior leaders: ${text.notesForSlt}`] : []),
    ],
  };
}
