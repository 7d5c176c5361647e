/**
 * Ports: what the use cases need from the outside world. Adapters live in storage/, teams/,
 * graph/ and http/; tests pass sinon fakes. Nothing here imports an SDK.
 */
import type { AlertBook, Finding, MeetingEvent, MeetingState, Role } from '../domain/types.js';
import type { Delivery } from './delivery/delivery.js';

/** The time, passed in so tests control it. */
export interface Clock {
  now(): number;
}

/** Structured logger (pino-compatible subset). Never pass personal data or secrets. */
export interface Logger {
  debug(obj: object, msg?: string): void;
  info(obj: object, msg?: string): void;
  warn(obj: object, msg?: string): void;
  error(obj: object, msg?: string): void;
  child(bindings: object): Logger;
}

/** Identifies one lesson meeting within one school tenant. */
export interface MeetingKey {
  tenantId: string;
  meetingId: string;
}

/** What one snapshot write holds: the lesson, its alert book and the messages it owes (its delivery outbox). */
export interface LessonBook {
  state: MeetingState;
  alerts: AlertBook;
  /** Messages owed because of this lesson's findings, with their delivery state; absent means none. */
  deliveries?: Delivery[];
}

/**
 * Key of the store's own note on a record's version (opaque here: the table store's outbox), so the next write needs
 * no read. A symbol: never in the record's keys or JSON, copied by spread; trusted only for the ETag it names.
 */
export const storeNote: unique symbol = Symbol('storeNote');

/** The stored snapshot of a lesson, as read or last written. */
export interface MeetingRecord extends LessonBook {
  /** The optimistic-concurrency tag of this version of the snapshot ('' when it is not stored yet). */
  etag: string;
  /**
   * Which stored version this is: each write stores the replaced version's plus one (If-Match on it), so no two
   * versions share one and the newest is highest. 0: written before revisions were kept. The stores always set it;
   * a record built by hand (a test's, or one not stored yet) may leave it out, which reads as 0.
   */
  revision?: number;
  /** See {@link storeNote}. */
  [storeNote]?: unknown;
}

/** The version a write replaces: the record as read or last written, or just its ETag (the store reads the row). */
export type ExpectedVersion = Pick<MeetingRecord, 'etag' | typeof storeNote> | string;

/** The version a successful write stored: spread it over the book written to get the new record. */
export type StoredVersion = Pick<MeetingRecord, 'etag' | typeof storeNote> & { revision: number };

/** See {@link MeetingStore.commit}: the address the new state was computed with. */
export interface Replayable {
  address?: MeetingState['address'];
}

/** Outcome of writing one event: applied, already applied before, or someone else wrote first. */
export type CommitResult =
  | ({ outcome: 'applied' } & StoredVersion)
  | { outcome: 'duplicate' }
  | {
      outcome: 'conflict';
      /** The lesson as the store read it to settle the race, if it did: the caller retries on it without a read. */
      current?: MeetingRecord;
    };

/** Lesson state in Table Storage: one partition per meeting, holding its snapshot and every applied event. */
export interface MeetingStore {
  /** Reads the snapshot; undefined when the meeting has never been seen. */
  load(key: MeetingKey): Promise<MeetingRecord | undefined>;
  /**
   * Atomically records `event` (keyed by its id) and replaces the snapshot, if the snapshot is still
   * the `expected` version (undefined: it must not exist yet). A duplicate of an event still in the
   * lesson's outbox changes nothing; one already flushed out of it is found by {@link hasEvent}, which
   * the app asks for every event its window of ids cannot vouch for (and `listEvents` lists an event once).
   * With `replayable`, the caller vouches that `next.state` is `stateAfter(expected's state, event,
   * replayable.address)` (domain/stateAfter.ts), so the store may keep just the event and rebuild the
   * state from it when the lesson is read; without it, the store keeps `next.state` as given.
   */
  commit(
    key: MeetingKey,
    event: MeetingEvent,
    next: LessonBook,
    expected: ExpectedVersion | undefined,
    replayable?: Replayable,
  ): Promise<CommitResult>;
  /**
   * Replaces the alert book and deliveries (re-evaluation, delivery results), keeping the state, if the snapshot is
   * still the `expected` version. Given the record as read or last written (not just its ETag), the store needs no
   * read first.
   */
  saveBook(
    key: MeetingKey,
    book: Pick<LessonBook, 'alerts' | 'deliveries'>,
    expected: ExpectedVersion,
  ): Promise<({ outcome: 'applied' } & StoredVersion) | { outcome: 'conflict' }>;
  /**
   * Whether the event with this id was recorded for the meeting (still in the snapshot's outbox, or
   * flushed out of it): asked only for a redelivery too late for the lesson's own window of ids.
   */
  hasEvent(key: MeetingKey, eventId: string): Promise<boolean>;
  /** Every event applied to the meeting, oldest first, for replay and audit. */
  listEvents(key: MeetingKey): Promise<MeetingEvent[]>;
  /** Meetings of a tenant whose lessons started within the window, newest first (for `register last`). */
  listMeetings(tenantId: string, options?: { organizerId?: string; limit?: number }): Promise<MeetingState[]>;
}

/** A timer: re-evaluate a meeting at or after `dueAt`. */
export interface DueTimer {
  id: string;
  key: MeetingKey;
  dueAt: number;
  reason: string;
}

/** Timers partitioned by due minute, claimed with an ETag so exactly one instance fires each. */
export interface TimerStore {
  /** Schedules a re-evaluation; scheduling the same meeting for the same instant twice is one timer. */
  schedule(key: MeetingKey, dueAt: number, reason: string): Promise<void>;
  /** Claims up to `limit` timers due at or before `now`; a timer claimed here is claimed by no other caller. */
  claimDue(now: number, limit: number): Promise<DueTimer[]>;
}

/** Opaque, serialisable reference to a Teams conversation, used for proactive messages. */
export interface StoredConversation {
  tenantId: string;
  /** Conversation key: a user's Entra object id (1:1 chat) or a meeting/channel conversation id. */
  key: string;
  kind: 'personal' | 'meeting' | 'channel';
  reference: Record<string, unknown>;
  greetedAt?: number;
}

/** Conversation references for proactive messages. */
export interface ConversationStore {
  save(conversation: StoredConversation): Promise<void>;
  get(tenantId: string, key: string): Promise<StoredConversation | undefined>;
}

/** What the directory needs to know about a person to classify them. */
export interface PersonLookup {
  /** The school's tenant (the meeting's). */
  tenantId: string;
  aadObjectId?: string;
  teamsId: string;
  /** The person's own tenant, if Teams says (a guest's differs). */
  userTenantId?: string;
  meetingRole?: string;
}

/** Answers who is staff. A guest or anonymous participant is never staff; unknown counts as a pupil. */
export interface ParticipantDirectory {
  classify(person: PersonLookup): Promise<Role>;
  /** Whether this person is one of the school's Designated Safeguarding Leads. */
  isDsl(tenantId: string, aadObjectId: string): Promise<boolean>;
  /** The DSLs of a tenant (for alerts). */
  listDsls(tenantId: string): Promise<Array<{ aadObjectId: string; name: string }>>;
  /**
   * The deputies (`deputies`) or the senior leadership team (`slt`) of the tenant, told in turn when no DSL
   * acknowledges.
   */
  listEscalation(tenantId: string, step: 'deputies' | 'slt'): Promise<Array<{ aadObjectId: string; name: string }>>;
}

/** Where the meeting lives in Teams: enough to address it proactively. */
export interface MeetingAddress {
  key: MeetingKey;
  serviceUrl: string;
  conversationId: string;
  title: string;
}

/** An alert about a finding, for staff in the meeting or for the DSL. */
export interface AlertMessage {
  meeting: MeetingAddress;
  finding: Pick<Finding, 'ruleId' | 'key' | 'severity' | 'message' | 'action'>;
  /** Findings that started at the same moment for the same people (one notification for them all). */
  also?: Array<Pick<Finding, 'ruleId' | 'key' | 'severity' | 'message' | 'action'>>;
  /** `raised` when it starts, `cleared` when it ends, `acknowledged` when someone has taken it. */
  phase: 'raised' | 'cleared' | 'acknowledged';
  /** When it was raised. */
  at: number;
  /** Who is dealing with it (phase `acknowledged`). */
  acknowledgedBy?: { name: string; at: number };
  /** The id of the card this message replaces in the person's chat (phase `acknowledged`). */
  replaces?: string;
}

/**
 * Sends what the bot says outside the delivery outbox: the meeting chat gets only the
 * pupil-friendly code of conduct; staff get routine 1:1 cards. Alerts go through the outbox.
 */
export interface Notifier {
  /** The code-of-conduct card in the meeting chat at the start (the only thing pupils see). */
  postCodeOfConduct(meeting: MeetingAddress, lines: string[]): Promise<void>;
  /** A proactive 1:1 card to one member of staff (checklist reminder, end-of-lesson summary). */
  sendToStaff(tenantId: string, aadObjectId: string, card: { title: string; lines: string[] }): Promise<unknown>;
}

/** Reads who Teams says is in the meeting right now (reconciliation; events go missing). */
export interface RosterSource {
  /** For each person, whether Teams reports them in the meeting; undefined when Teams cannot say. */
  inMeeting(
    meeting: MeetingAddress,
    people: Array<{ id: string; teamsId: string }>,
  ): Promise<Map<string, boolean> | undefined>;
}
