/** The "Book a lesson" form, and a booked lesson's new times, as the tab sends them: validated once here. */
import { z } from 'zod';
import { parseBody } from './parseBody.js';
import type { BookingRequest } from '../../app/booking/bookingRequest.js';
import type { MoveRequest } from '../../app/booking/moveBooking.js';

/** What a body that cannot be read is called, and what to do then. */
const WORDS = ['booking', 'reload the form and try again'] as const;

// The idempotency key: a UUID or similar, never free text (as the side panel's writes take it).
const clientRequestId = z
  .string()
  .regex(/^[A-Za-z0-9-]{8,64}$/, 'must be 8-64 letters, digits or dashes (a UUID is ideal)');

const staffMember = z.strictObject({
  aadObjectId: z.string().min(1).max(64),
  email: z.email().max(320),
  name: z.string().trim().min(1).max(200),
});

const bookingFields = {
  title: z.string().trim().min(1, 'is needed').max(255),
  /** ISO 8601 with an offset, e.g. `2026-03-12T10:00:00Z`. */
  start: z.iso.datetime({ offset: true }),
  durationMinutes: z.number().int().min(1).max(600),
  pupils: z.array(z.email().max(320)).max(300),
  otherStaff: z.array(staffMember).max(10),
  notesForSlt: z.string().trim().max(1000).optional(),
  noticeOverride: z.strictObject({ reason: z.string().max(500) }).optional(),
};

const checkBody = z.strictObject({ ...bookingFields, clientRequestId: clientRequestId.optional() });
const bookBody = z.strictObject({ ...bookingFields, clientRequestId });
const moveBody = z.strictObject({
  start: bookingFields.start,
  durationMinutes: bookingFields.durationMinutes,
  noticeOverride: bookingFields.noticeOverride,
  clientRequestId,
});

/** Whether `id` can be a booking's id (the request id it was booked with); anything else is no booking. */
export function isBookingId(id: string | undefined): id is string {
  return id !== undefined && clientRequestId.safeParse(id).success;
}

/** A booking to check: the form alone. */
export function parseBookingCheck(body: unknown): BookingRequest {
  return toRequest(parseBody(checkBody, body, ...WORDS));
}

/** A booking to make: the form and the tab's request id (the same for every retry of one click). */
export function parseBooking(body: unknown): { clientRequestId: string; request: BookingRequest } {
  const b = parseBody(bookBody, body, ...WORDS);
  return { clientRequestId: b.clientRequestId, request: toRequest(b) };
}

/** New times for a booked lesson, and the tab's request id for this move. */
export function parseMove(body: unknown): { clientRequestId: string; move: MoveRequest } {
  const b = parseBody(moveBody, body, ...WORDS);
  return {
    clientRequestId: b.clientRequestId,
    move: {
      start: Date.parse(b.start),
      durationMinutes: b.durationMinutes,
      ...(b.noticeOverride ? { noticeOverride: b.noticeOverride } : {}),
    },
  };
}

function toRequest(b: z.infer<typeof checkBody>): BookingRequest {
  return {
    title: b.title,
    start: Date.parse(b.start),
    durationMinutes: b.durationMinutes,
    pupils: b.pupils,
    otherStaff: b.otherStaff,
    ...(b.notesForSlt ? { notesForSlt: b.notesForSlt } : {}),
    ...(b.noticeOverride ? { noticeOverride: b.noticeOverride } : {}),
  };
}
