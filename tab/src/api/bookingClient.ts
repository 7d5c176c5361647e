/** The "Book a lesson" API (staff only), with the server's own shapes. */
import type { BookingItem } from '../../../bot/src/app/booking/bookingList.js';
import type { BookedLesson, ChatOutcome } from '../../../bot/src/app/booking/ports.js';
import type { BookingConsent, BookingRules } from '../../../bot/src/app/booking/bookingRules.js';
import type { FieldProblem } from '../../../bot/src/domain/booking/bookingPlan.js';
import type { Call } from './transport.js';

export type { BookedLesson, BookingConsent, BookingItem, BookingRules, ChatOutcome, FieldProblem };

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

/** A refusal or failure the server answered in its own words (a sentence for IT when it has one). */
export type BookingRefusal = { kind: 'refused'; status: number; code: string; message: string; forIt?: string };

/** What one press of "Book" came to, as the server answered. */
export type BookingAnswer =
  | {
      kind: 'booked';
      booking: BookedLesson;
      repeated: boolean;
      sltCardsQueued: number;
      /** Whether Chaperone is in the lesson's chat (absent on a repeated request). */
      chaperoneInChat?: ChatOutcome;
    }
  | { kind: 'problems'; message: string; problems: FieldProblem[] }
  | { kind: 'consentRequired'; message: string }
  | (BookingRefusal & { rolledBack?: boolean });

/** A booked lesson's new times, as the server reads them. */
export interface LessonMove {
  /** ISO 8601 with an offset. */
  start: string;
  durationMinutes: number;
  noticeOverride?: { reason: string };
}

/** What a cancel or a move of a booked lesson came to, as the server answered. */
export type ChangeAnswer =
  | { kind: 'changed'; outcome: 'cancelled' | 'moved'; booking: BookingItem; repeated: boolean; cardsQueued: number }
  | { kind: 'problems'; message: string; problems: FieldProblem[] }
  | { kind: 'consentRequired'; message: string }
  | BookingRefusal;

/** The booking calls. */
export interface BookingApi {
  /** Who is booking and the school's rules (403 for anyone not on the staff list). */
  booker(): Promise<Booker>;
  /** The policy checks for the form as it stands; nothing is created. */
  checkBooking(form: BookingForm): Promise<FieldProblem[]>;
  /** Books once per `clientRequestId`: send the same id again to retry the same press. */
  book(clientRequestId: string, form: BookingForm): Promise<BookingAnswer>;
  /** The caller's own booked lessons that have not ended, soonest first (cancelled ones too). */
  bookings(): Promise<BookingItem[]>;
  /** Cancels the booked lesson `id` (cancelling twice is one cancellation). */
  cancelBooking(id: string): Promise<ChangeAnswer>;
  /** Moves the booked lesson `id` once per `clientRequestId`: send the same id again to retry the same move. */
  moveBooking(id: string, clientRequestId: string, move: LessonMove): Promise<ChangeAnswer>;
}

/** Statuses whose body says what happened to a booking; anything else is thrown as an `ApiError`. */
const BOOKING_ANSWERS = [401, 403, 409, 422, 503];
/** The same for a change of a booked lesson, which may also be one the caller has not got (404). */
const CHANGE_ANSWERS = [...BOOKING_ANSWERS, 404];

type Body = {
  outcome?: string;
  repeated?: boolean;
  sltCardsQueued?: number;
  chaperoneInChat?: ChatOutcome;
  cardsQueued?: number;
  problems?: FieldProblem[];
  rolledBack?: boolean;
  error?: { code?: string; message?: string; forIt?: string };
};

/** The booking calls over `call`. */
export function bookingApi(call: Call): BookingApi {
  const post = async <B>(path: string, body: unknown, answers: number[] = []) => {
    const res = await call(path, { method: 'POST', body: JSON.stringify(body) }, answers);
    return { status: res.status, body: (await res.json().catch(() => ({}))) as Body & B };
  };
  const change = (id: string, what: 'cancel' | 'move') => `/api/bookings/${encodeURIComponent(id)}/${what}`;
  return {
    booker: async () => (await call('/api/bookings/me')).json() as Promise<Booker>,
    checkBooking: async (form) => (await post('/api/bookings/check', form)).body.problems ?? [],
    async book(clientRequestId, form) {
      const { status, body } = await post<{ booking?: BookedLesson }>(
        '/api/bookings',
        { clientRequestId, ...form },
        BOOKING_ANSWERS,
      );
      if (status < 300 && body.booking)
        return {
          kind: 'booked',
          booking: body.booking,
          repeated: body.repeated === true,
          sltCardsQueued: body.sltCardsQueued ?? 0,
          ...(body.chaperoneInChat ? { chaperoneInChat: body.chaperoneInChat } : {}),
        };
      const answer = notDone(status, body, 'look in your calendar before booking again');
      if (answer.kind !== 'refused' || typeof body.rolledBack !== 'boolean') return answer;
      return { ...answer, rolledBack: body.rolledBack };
    },
    bookings: async () => ((await (await call('/api/bookings')).json()) as { bookings: BookingItem[] }).bookings,
    cancelBooking: async (id) => changed('cancelled', await post(change(id, 'cancel'), {}, CHANGE_ANSWERS)),
    moveBooking: async (id, clientRequestId, move) =>
      changed('moved', await post(change(id, 'move'), { ...move, clientRequestId }, CHANGE_ANSWERS)),
  };
}

/** Reads a change's answer: a 2xx is taken as the change only when it says so and carries the lesson. */
function changed(
  outcome: 'cancelled' | 'moved',
  { status, body }: { status: number; body: Body & { booking?: BookingItem } },
): ChangeAnswer {
  if (status < 300 && body.outcome === outcome && body.booking)
    return {
      kind: 'changed',
      outcome,
      booking: body.booking,
      repeated: body.repeated === true,
      cardsQueued: body.cardsQueued ?? 0,
    };
  return notDone(status, body, 'reload your lessons to see how it stands');
}

/** An answer that is not the thing done: the policy's problems, Microsoft asking for consent, or a refusal. */
function notDone(status: number, body: Body, unsure: string): Exclude<ChangeAnswer, { kind: 'changed' }> {
  const error = body.error ?? {};
  const message = error.message ?? `Chaperone did not say what happened; ${unsure}.`;
  if (status === 422) return { kind: 'problems', message, problems: body.problems ?? [] };
  if (status === 401 && error.code === 'consentRequired') return { kind: 'consentRequired', message };
  return {
    kind: 'refused',
    status,
    code: error.code ?? 'unknown',
    message,
    ...(error.forIt ? { forIt: error.forIt } : {}),
  };
}
