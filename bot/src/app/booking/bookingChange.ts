/**
 * What cancelling and moving a booked lesson share: finding the organizer's own booking (anyone else's is not
 * found), refusing a lesson already under way, writing the change over the version it was worked out from, and
 * telling the people the booking told: the senior leaders who got its card and the other staff.
 */
import type { LessonCard } from '../delivery/lessonCards.js';
import { fingerprint } from '../fingerprint.js';
import type { BookLessonDeps } from './bookLesson.js';
import { BookingChangeRefused } from './bookingErrors.js';
import type { BookingCaller } from './bookingRequest.js';
import type { BookedLesson, BookingKey, KeptBooking } from './ports.js';

/** Changes to a booking need what booking it needed. */
export type BookingChangeDeps = BookLessonDeps;

/** What a cancel or a move did: `repeated` when an earlier request had already done it (nothing sent again). */
export interface BookingChanged {
  kept: KeptBooking;
  repeated: boolean;
  /** Cards queued for the senior leaders and the other staff by this request. */
  cardsQueued: number;
}

/** Rounds of re-reading a booking that changed under a write before giving up. */
const MAX_ROUNDS = 3;

/** The key of the caller's booking `id`: a booking is only ever found under its own organizer. */
export function keyOf(caller: Pick<BookingCaller, 'tenantId' | 'aadObjectId'>, id: string): BookingKey {
  return { tenantId: caller.tenantId, organizerId: caller.aadObjectId, requestId: id };
}

/** The caller's booking; throws `notFound` when they have none under `key` (another teacher's is never found). */
export async function findBooking(deps: Pick<BookingChangeDeps, 'bookings'>, key: BookingKey): Promise<KeptBooking> {
  const kept = await deps.bookings.read(key);
  if (!kept) throw new BookingChangeRefused('notFound');
  return kept;
}

/** Throws `started` once the lesson's start has come: it is changed in Teams from then on. */
export function refuseIfStarted(deps: Pick<BookingChangeDeps, 'clock'>, booking: BookedLesson): void {
  if (booking.start <= deps.clock.now()) throw new BookingChangeRefused('started');
}

/**
 * Writes `change(kept)` over the version read; when another request changed the booking first, reads it again and
 * applies the change to that. `change` returns its input when there is nothing (left) to do.
 */
export async function saveChange(
  deps: Pick<BookingChangeDeps, 'bookings'>,
  key: BookingKey,
  kept: KeptBooking,
  change: (kept: KeptBooking) => KeptBooking,
): Promise<KeptBooking> {
  let current = kept;
  for (let round = 0; round < MAX_ROUNDS; round += 1) {
    const next = change(current);
    if (next === current) return current;
    const { id: _id, version: _version, ...fields } = next;
    const version = await deps.bookings.update(key, current.version, fields);
    if (version) return { ...next, version };
    current = await findBooking(deps, key);
  }
  throw new BookingChangeRefused('changedMeanwhile');
}

/** A lesson event id for one change of one booking: the same change always gives the same id. */
export function changeId(kind: 'cancelled' | 'moved', key: BookingKey, requestId = ''): string {
  return `${kind}:${fingerprint([key.tenantId, key.organizerId, key.requestId, requestId]).slice(0, 32)}`;
}

/**
 * Queues `cardFor(person)` for each senior leader the booking told and each other member of staff, never the caller
 * (who made the change). A card that could not be queued is logged; the change stands.
 */
export async function tellOfChange(
  deps: Pick<BookingChangeDeps, 'cards' | 'directory' | 'logger'>,
  caller: Pick<BookingCaller, 'tenantId' | 'aadObjectId'>,
  booking: BookedLesson,
  cardFor: (to: string) => LessonCard,
): Promise<number> {
  // Bookings made before the leaders told were kept: the senior leaders now.
  const leaders =
    booking.sltIds ?? (await deps.directory.listEscalation(caller.tenantId, 'slt')).map((l) => l.aadObjectId);
  const people = [...new Set([...leaders, ...booking.staffIds])].filter((id) => id !== caller.aadObjectId);
  let queued = 0;
  for (const person of people) {
    try {
      await deps.cards.queue({ tenantId: caller.tenantId, meetingId: booking.meetingId }, cardFor(person));
      queued++;
    } catch (error) {
      deps.logger.warn({ error: (error as Error).name }, 'card about a changed booking not queued');
    }
  }
  return queued;
}
