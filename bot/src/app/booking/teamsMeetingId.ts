/**
 * The meeting id Teams puts on the bot's meeting events (`channelData.meeting.id`) for a meeting
 * whose chat thread is known: base64 of `0#<thread id>#0`. A booked lesson is recorded under it, so
 * the lesson's events find the booking.
 */

/** The Teams meeting id of the meeting whose chat is `threadId` (`19:meeting_...@thread.v2`). */
export function teamsMeetingIdOf(threadId: string): string {
  return Buffer.from(`0#${threadId}#0`).toString('base64');
}
