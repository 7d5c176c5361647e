/**
 * 1:1 cards about a lesson (checklist reminder, meeting options, end-of-lesson summary, attendance
 * report) go through the lesson's outbox like alerts: written to the lesson's record before anyone
 * is counted as told, sent at once, and retried until Teams takes them.
 */
import type { MeetingKey } from '../ports.js';
import type { LessonDeliveries } from './lessonDeliveries.js';
import { newDelivery } from './planLessonDeliveries.js';

/** A card owed to one member of staff: the organizer, or another member of staff (who added the app). */
export interface LessonCard {
  /** What caused it, unique in the lesson (e.g. `summary@<end>`): queuing the same cause twice is one card. */
  cause: string;
  to: string;
  role: 'organizer' | 'staff';
  title: string;
  lines: string[];
}

/** Queues lesson cards; resolves once the card is stored and this instance's first try at sending it is over. */
export interface LessonCards {
  queue(key: MeetingKey, card: LessonCard): Promise<void>;
}

/** Lesson cards on the lesson outbox of `deliveries`. */
export function createLessonCards(
  deliveries: Pick<LessonDeliveries, 'enqueue'>,
  clock: { now(): number },
): LessonCards {
  return {
    queue: (key, card) =>
      deliveries.enqueue(key, () => [
        newDelivery(
          { kind: 'card', cause: card.cause, title: card.title, lines: card.lines },
          { kind: 'person', aadObjectId: card.to, role: card.role },
          false,
          clock.now(),
        ),
      ]),
  };
}
