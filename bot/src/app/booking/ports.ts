/**
 * What booking a lesson needs from outside: the teacher's own calendar and meeting (Microsoft Graph,
 * delegated: every call acts as the signed-in teacher) and a record of bookings by request id.
 * Adapters live in `bot/src/graph/delegated/` and `bot/src/storage/`; tests pass fakes.
 */
import type { BookingRuleId } from '../../domain/booking/bookingPlan.js';
import type { LobbyScope } from '../../domain/policy/schema.js';
import type { PresenterScope } from '../../domain/policy/targetSettings.js';

/** The teacher's Teams sign-in token, passed on so Graph is called as them (never logged, never stored). */
export interface ActingUser {
  ssoToken: string;
}

/** A person invited to the lesson, by email; staff also by Entra object id. */
export interface Invitee {
  email: string;
  aadObjectId?: string;
  role: 'staff' | 'pupil';
}

/** The calendar event to create, with its Teams meeting. Times are epoch ms. */
export interface NewLessonEvent {
  subject: string;
  start: number;
  end: number;
  invitees: Invitee[];
  /** Graph `transactionId`: the same booking sent twice is recognised as one. */
  transactionId: string;
}

/** The event as created: its ids and its meeting's join link. */
export interface CreatedLessonEvent {
  eventId: string;
  joinUrl: string;
}

/** The Teams meeting behind the event. */
export interface LessonMeeting {
  /** Graph `onlineMeeting` id, for changing its options. */
  onlineMeetingId: string;
  /** The meeting chat's thread id (`19:meeting_...@thread.v2`): Teams derives the bot's meeting id from it. */
  threadId: string;
}

/** The meeting options a booked lesson gets, as the policy asks; absent fields are left as Teams sets them. */
export interface LessonMeetingOptions {
  lobby?: { scope: LobbyScope; dialInBypass: boolean };
  allowedPresenters: PresenterScope;
  /** With "specific people" presenting: who presents (staff) and who attends (pupils). */
  presenters?: Invitee[];
  attendeeMicAllowed?: boolean;
  recordAutomatically?: boolean;
}

/** The teacher's calendar and Teams meetings, through Graph as the teacher. */
export interface LessonCalendar {
  createEvent(asUser: ActingUser, event: NewLessonEvent): Promise<CreatedLessonEvent>;
  /** The meeting behind an event's join link; undefined when Graph does not (yet) know it. */
  findMeeting(asUser: ActingUser, joinUrl: string): Promise<LessonMeeting | undefined>;
  setMeetingOptions(asUser: ActingUser, onlineMeetingId: string, options: LessonMeetingOptions): Promise<void>;
  /** Deletes the event (and with it the meeting); an event already gone counts as deleted. */
  deleteEvent(asUser: ActingUser, eventId: string): Promise<void>;
  /**
   * Cancels the event as its organizer: Outlook removes it and sends everyone invited the cancellation with `comment`.
   * `notFound`: Graph knows no such event in the teacher's calendar, and nothing was cancelled.
   */
  cancelEvent(asUser: ActingUser, eventId: string, comment: string): Promise<'cancelled' | 'notFound'>;
  /** Moves the event (and its Teams meeting) to new times; everyone invited gets the update. `notFound` as above. */
  moveEvent(asUser: ActingUser, eventId: string, times: { start: number; end: number }): Promise<'moved' | 'notFound'>;
}

/**
 * Graph, or the sign-in before it, refused to act as the teacher: `consentRequired` (the teacher can
 * consent in Teams and try again), `notGranted` (the school has not allowed what is needed: an IT
 * matter), `signInAgain` (the Teams sign-in is no longer accepted).
 */
export class DelegatedAccessError extends Error {
  override name = 'DelegatedAccessError';
  constructor(
    readonly kind: 'consentRequired' | 'notGranted' | 'signInAgain',
    /** The delegated permission IT must grant (`notGranted`), e.g. `OnlineMeetingSettings.ReadWrite`. */
    readonly permission?: string,
  ) {
    super(`Microsoft refused to act for the teacher (${kind}${permission ? `: ${permission}` : ''}).`);
  }
}

/** Identifies one booking: the teacher and the request id their tab sent. */
export interface BookingKey {
  tenantId: string;
  organizerId: string;
  requestId: string;
}

/** A lesson Chaperone booked, as kept. Times are epoch ms. */
export interface BookedLesson {
  /** The Teams meeting id the bot will see for this lesson. */
  meetingId: string;
  eventId: string;
  joinUrl: string;
  title: string;
  start: number;
  end: number;
  bookedAt: number;
  organizerId: string;
  staffIds: string[];
  pupilCount: number;
  /** The policy rules the booking was checked against and passed. */
  checksPassed: BookingRuleId[];
  /** A senior leader booked (or last moved) it at shorter notice: why. */
  noticeOverride?: { reason: string };
  /** The other staff's names as the teacher chose them (bookings made before names were kept have none). */
  otherStaffNames?: string[];
  /** The senior leaders the booking card went to, who are told of a cancellation or a move too. */
  sltIds?: string[];
  /** When the organizer cancelled it through Chaperone. */
  cancelledAt?: number;
  /** When the organizer last moved it through Chaperone. */
  movedAt?: number;
}

/** A booked lesson as kept, with what changing it safely needs. */
export interface KeptBooking {
  /** The booking's id: the request id its tab sent (unique for the organizer). */
  id: string;
  booking: BookedLesson;
  /** Moves already made, by their request id: the fingerprint of what each asked (a retry is recognised). */
  moves: Record<string, string>;
  /** When Chaperone first asked Graph to cancel it (a retry that finds the event gone knows why). */
  cancelAskedAt?: number;
  /** The row's version: a change is written only over the version it was worked out from. */
  version: string;
}

/** How a booking's request id was found: new (this request books), in progress, done, or used for something else. */
export type BookingClaim =
  | { outcome: 'new' }
  | { outcome: 'inProgress' }
  | { outcome: 'booked'; booking: BookedLesson }
  | { outcome: 'conflict' };

/** Bookings by request id, so a double click books once. */
export interface BookingStore {
  /**
   * Claims the key for a request with this fingerprint (insert-if-absent). A claim left in progress longer than a few
   * minutes (the instance stopped mid-booking) may be claimed again.
   */
  begin(key: BookingKey, requestFingerprint: string, at: number): Promise<BookingClaim>;
  /** Keeps the booked lesson under its key. */
  finish(key: BookingKey, booking: BookedLesson): Promise<void>;
  /** Gives the key up after a booking that created nothing, so the teacher can try again. */
  release(key: BookingKey): Promise<void>;
  /** The organizer's booked lessons (cancelled ones too) ending after `endsAfter`, soonest first. */
  upcoming(tenantId: string, organizerId: string, endsAfter: number): Promise<KeptBooking[]>;
  /** One booked lesson of the organizer; undefined when they have none under that id (or it is not booked yet). */
  read(key: BookingKey): Promise<KeptBooking | undefined>;
  /** Writes `next` if the booking is still at `version`: its new version, or undefined when it changed meanwhile. */
  update(key: BookingKey, version: string, next: Omit<KeptBooking, 'id' | 'version'>): Promise<string | undefined>;
}

/** The lesson's meeting chat, through Graph as the teacher: Chaperone added before the lesson starts. */
export interface LessonChat {
  /**
   * Installs Chaperone in the meeting's chat and adds its side panel tab there; an app already
   * installed counts as added. Throws {@link DelegatedAccessError} when the school has not allowed it.
   */
  addChaperone(asUser: ActingUser, threadId: string): Promise<void>;
}

/**
 * Whether Chaperone is in the new lesson's chat: `added`; `notAllowed` (the school has not granted
 * it); `failed` (Teams did not answer); `notSetUp` (the service does not know its Teams app id or address).
 */
export type ChatOutcome = 'added' | 'notAllowed' | 'failed' | 'notSetUp';
