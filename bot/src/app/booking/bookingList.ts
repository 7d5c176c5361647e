/**
 * A teacher's booked lessons as the personal tab lists them and acts on them: their own only, those that have
 * not ended, soonest first, cancelled ones marked. Counts and names of staff only; pupils are a number.
 */
import type { BookingStore, KeptBooking } from './ports.js';

/** One booked lesson in the tab. Times are epoch ms. */
export interface BookingItem {
  /** What `POST /api/bookings/:id/cancel` and `.../move` take. */
  id: string;
  title: string;
  start: number;
  end: number;
  durationMinutes: number;
  /** The other staff invited, by name (empty for bookings made before names were kept). */
  otherStaffNames: string[];
  pupilCount: number;
  state: 'booked' | 'moved' | 'cancelled';
  cancelledAt?: number;
  movedAt?: number;
  joinUrl: string;
  /** The Teams meeting id the side panel and the lesson record use. */
  meetingId: string;
}

/** The booking as the tab shows it. */
export function bookingItem({ id, booking: b }: KeptBooking): BookingItem {
  return {
    id,
    title: b.title,
    start: b.start,
    end: b.end,
    durationMinutes: Math.round((b.end - b.start) / 60_000),
    otherStaffNames: b.otherStaffNames ?? [],
    pupilCount: b.pupilCount,
    state: b.cancelledAt !== undefined ? 'cancelled' : b.movedAt !== undefined ? 'moved' : 'booked',
    ...(b.cancelledAt !== undefined ? { cancelledAt: b.cancelledAt } : {}),
    ...(b.movedAt !== undefined ? { movedAt: b.movedAt } : {}),
    joinUrl: b.joinUrl,
    meetingId: b.meetingId,
  };
}

/** The caller's own booked lessons that have not ended at `now`, soonest first. */
export async function upcomingBookings(
  bookings: Pick<BookingStore, 'upcoming'>,
  caller: { tenantId: string; aadObjectId: string },
  now: number,
): Promise<BookingItem[]> {
  return (await bookings.upcoming(caller.tenantId, caller.aadObjectId, now)).map(bookingItem);
}
