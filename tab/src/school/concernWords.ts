/**
 * The words the concerns section shows for a concern, from the server's view. Pure, so each
 * sentence can be checked without a browser.
 */
import { formatLessonTime } from '../../../bot/src/app/time.js';
import type { ConcernQueueView } from '../api/client.js';

type Item = ConcernQueueView['concerns'][number];

/** A day and time in the school's zone: `Tue 10 Mar, 10:05`. */
export function dayAndTime(at: number, timeZone: string): string {
  // The server's lesson-time wording (`Tue 10 Mar 10:05`), with a comma before the time.
  return formatLessonTime(at, timeZone).replace(/ (\d\d:\d\d)$/, ', $1');
}

/** Who logged it, when, and where from: `Logged Tue 10 Mar, 10:05 by Ms Adams, from "Year 5 maths"`. */
export function loggedWords(item: Pick<Item, 'loggedAt' | 'reporter' | 'lesson'>, timeZone: string): string {
  const from = item.lesson ? `, from "${item.lesson}"` : '';
  return `Logged ${dayAndTime(item.loggedAt, timeZone)} by ${item.reporter}${from}`;
}

/** The badges a row carries, most pressing first: what is left to do, or that it is closed. */
export function stateBadges(
  item: Pick<Item, 'urgency' | 'acknowledged' | 'status'>,
): Array<{ text: string; color: 'danger' | 'warning' | 'informative' }> {
  if (item.status === 'closed') return [{ text: 'Closed', color: 'informative' }];
  return [
    ...(item.urgency === 'urgent' ? [{ text: 'Urgent', color: 'danger' as const }] : []),
    ...(item.acknowledged ? [] : [{ text: 'Not acknowledged yet', color: 'warning' as const }]),
  ];
}

/** What the empty queue says, with or without filters set. */
export function emptyQueueWords(filtered: boolean, status: 'open' | 'all'): string {
  if (filtered) return 'No concern matches these filters. Clear a filter to see more.';
  return status === 'open'
    ? 'There are no open concerns. Nothing is waiting for you.'
    : 'Your school has no concerns yet.';
}
