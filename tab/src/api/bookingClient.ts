/** The "Book a lesson" API (staff only), with the server's own shapes. */
import type { BookedLesson } from '../../../bot/src/app/booking/ports.js';
import type { BookingConsent, BookingRules } from '../../../bot/src/app/booking/bookingRules.js';
import type { FieldProblem } from '../../../bot/src/domain/booking/bookingPlan.js';
import type { Call } from './transport.js';

export type { BookedLesson, BookingConsent, BookingRules, FieldProblem };

/** Who may book, and the rules the form shows beside its fields. */
export interface Booker {
  name: string;
  canBook: boolean;
  /** A senior leader: may book at shorter notice with a reason. */
  canOverrideNotice: boolean;
  rules: BookingRules;
  /** Where Microsoft asks the teacher's permission (only when booking is set up). */
  consent?: BookingConsent;
}

/** A member of staff invited as the second adult, as Teams' people picker named them. */
export interface InvitedStaff {
  /** Their Entra object id: the server checks it is staff, never a pupil. */
  aadObjectId: string;
  email: string;
  name: string;
}

/** The form as the server reads it. */
export interface BookingForm {
  title: string;
  /** ISO 8601 with an offset. */
  start: string;
  durationMinutes: number;
  pupils: string[];
  otherStaff: InvitedStaff[];
  notesForSlt?: string;
  noticeOverride?: { reason: string };
}

/** What one press of "Book" came to, as the server answered. */
export type BookingAnswer =
  | { kind: 'booked'; booking: BookedLesson; repeated: boolean; sltCardsQueued: number }
  | { kind: 'problems'; message: string; problems: FieldProblem[] }
  | { kind: 'consentRequired'; message: string }
  | { kind: 'refused'; status: number; code: string; message: string; forIt?: string; rolledBack?: boolean };

/** The booking calls. */
export interface BookingApi {
  /** Who is booking and the school's rules (403 for anyone not on the staff list). */
  booker(): Promise<Booker>;
  /** The policy checks for the form as it stands; nothing is created. */
  checkBooking(form: BookingForm): Promise<FieldProblem[]>;
  /** Books once per `clientRequestId`: send the same id again to retry the same press. */
  book(clientRequestId: string, form: BookingForm): Promise<BookingAnswer>;
}

/** Statuses whose body says what happened to a booking; anything else is thrown as an `ApiError`. */
const BOOKING_ANSWERS = [401, 403, 409, 422, 503];

type Body = {
  outcome?: string;
  booking?: BookedLesson;
  repeated?: boolean;
  sltCardsQueued?: number;
  problems?: FieldProblem[];
  rolledBack?: boolean;
  error?: { code?: string; message?: string; forIt?: string };
};

/** The booking calls over `call`. */
export function bookingApi(call: Call): BookingApi {
  const post = (path: string, body: unknown, answers: number[] = []) =>
    call(path, { method: 'POST', body: JSON.stringify(body) }, answers);
  return {
    booker: async () => (await call('/api/bookings/me')).json() as Promise<Booker>,
    async checkBooking(form) {
      return ((await (await post('/api/bookings/check', form)).json()) as Body).problems ?? [];
    },
    async book(clientRequestId, form) {
      const res = await post('/api/bookings', { clientRequestId, ...form }, BOOKING_ANSWERS);
      return answerOf(res.status, (await res.json().catch(() => ({}))) as Body);
    },
  };
}

/** Reads a booking answer; a 2xx without the lesson in it is not taken as booked. */
function answerOf(status: number, body: Body): BookingAnswer {
  const error = body.error ?? {};
  const message = error.message ?? 'Chaperone did not say what happened; look in your calendar before booking again.';
  if (status < 300 && body.booking)
    return {
      kind: 'booked',
      booking: body.booking,
      repeated: body.repeated === true,
      sltCardsQueued: body.sltCardsQueued ?? 0,
    };
  if (status === 422) return { kind: 'problems', message, problems: body.problems ?? [] };
  if (status === 401 && error.code === 'consentRequired') return { kind: 'consentRequired', message };
  return {
    kind: 'refused',
    status,
    code: error.code ?? 'unknown',
    message,
    ...(error.forIt ? { forIt: error.forIt } : {}),
    ...(typeof body.rolledBack === 'boolean' ? { rolledBack: body.rolledBack } : {}),
  };
}
