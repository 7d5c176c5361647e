/**
 * The school view's sentences, from the server's view and the time now (the server's clock plus
 * what has passed here since it answered). Pure, so every sentence can be checked without a browser.
 */
import type { SchoolNowView } from '../api/client.js';
import { timeOfDay } from '../components/format.js';

type Lesson = SchoolNowView['lessons'][number];
type Reach = NonNullable<SchoolNowView['alerts'][number]['reach']>;

const MINUTE = 60_000;

/** Whole minutes from `from` to `to`, never negative. */
function minutesBetween(from: number, to: number): number {
  return Math.max(0, Math.floor((to - from) / MINUTE));
}

/** How far into its limit a lesson is ("12 of 20 min"), or when it is due to start. */
export function lessonTime(
  lesson: Pick<Lesson, 'state' | 'startedAt' | 'scheduledStart' | 'limitMinutes'>,
  now: number,
  timeZone: string,
): string {
  if (lesson.state === 'upcoming') {
    const at = lesson.scheduledStart;
    if (at === undefined) return 'Starting soon';
    if (at <= now) return `Due at ${timeOfDay(at, timeZone)}, not started yet`;
    return `Starts at ${timeOfDay(at, timeZone)}, in ${Math.ceil((at - now) / MINUTE)} min`;
  }
  if (lesson.startedAt === undefined) return 'Live, start time not known';
  const used = minutesBetween(lesson.startedAt, now);
  const over = used - lesson.limitMinutes;
  return over > 0
    ? `${used} of ${lesson.limitMinutes} min: ${over} min over the limit`
    : `${used} of ${lesson.limitMinutes} min`;
}

/** Whether a live lesson has gone past its limit (for the red badge). */
export function isOverLimit(lesson: Pick<Lesson, 'state' | 'startedAt' | 'limitMinutes'>, now: number): boolean {
  return (
    lesson.state === 'live' &&
    lesson.startedAt !== undefined &&
    minutesBetween(lesson.startedAt, now) > lesson.limitMinutes
  );
}

/** "Just now", "4 min ago", "1 h 5 min ago". */
export function howLongAgo(at: number, now: number): string {
  const gone = minutesBetween(at, now);
  if (gone < 1) return 'just now';
  if (gone < 60) return `${gone} min ago`;
  const rest = gone % 60;
  return `${Math.floor(gone / 60)} h${rest ? ` ${rest} min` : ''} ago`;
}

/** Staff and pupils in a lesson now, in words ("1 adult, 3 pupils"). */
export function peopleIn(lesson: Pick<Lesson, 'staffIn' | 'pupilsIn'>): string {
  const adults = lesson.staffIn === 1 ? '1 adult' : `${lesson.staffIn} adults`;
  const pupils = lesson.pupilsIn === 1 ? '1 pupil' : `${lesson.pupilsIn} pupils`;
  return `${adults}, ${pupils}`;
}

const GROUP = { dsl: 'the DSL', deputies: 'the deputies', slt: 'the senior leaders' } as const;
const SENT = {
  dsl: 'Sent to the DSL.',
  deputies: 'Sent. Nobody took it in time, so it went on to the deputies too.',
  slt: 'Sent. Nobody took it in time, so it went on to the deputies and the senior leaders too.',
} as const;

/**
 * How far an alert has reached, only as far as Teams confirmed: sent (and to whom it has gone on),
 * not delivered yet, or not deliverable (then the next step is to take it here).
 */
export function reachWords(reach: Reach | undefined): string {
  if (!reach) return 'No one on the safeguarding team was sent this alert.';
  if (reach.state === 'sent') return SENT[reach.reached];
  if (reach.state === 'pending')
    return `Not delivered to ${GROUP[reach.reached]} yet: Teams is not answering. Chaperone keeps trying.`;
  return `Chaperone could not deliver it to ${GROUP[reach.reached]}: Teams refused it. If you can take it, say so here.`;
}
