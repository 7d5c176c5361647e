/**
 * What the concern use cases need from outside: a store that only ever appends, and a way to
 * tell people. Adapters: `storage/concerns/tableConcernStore.ts`, `teams/messages/concernNotifier.ts`.
 */
import type { ConcernMessage, Delivery, SentActivity } from '../delivery/delivery.js';
import type { DeliveryBookStore } from '../delivery/deliveryRound.js';
import type { Concern, ConcernDetails, ConcernEntry, NewConcernEntry, StaffMember } from './types.js';

/** A concern about to be stored for the first time. */
export interface NewConcern {
  tenantId: string;
  ref: string;
  reporter: StaffMember;
  raisedAt: number;
  details: ConcernDetails;
  /** Idempotency key of the form that sent it: the same form submitted twice is one concern. */
  clientRequestId: string;
  /**
   * What the concern owes people (the DSLs' alerts): stored in the same write as the concern itself (none: it owes
   * nothing).
   */
  deliveries?: ConcernDelivery[];
}

/** One message a concern owes one person. */
export type ConcernDelivery = Delivery<ConcernMessage>;

/**
 * The messages an entry owes people (the reporter's update on an acknowledgement), worked out from
 * the entry as it is about to be stored; may be called again if the write is retried.
 */
export type OwedMessages = (stored: ConcernEntry) => ConcernDelivery[];

/**
 * `created`, or `duplicate` with the concern the same form already created; `conflict` when the
 * form's id was already used for different answers (nothing stored). `refTaken`: pick a new reference.
 */
export type CreateResult =
  | { outcome: 'created'; concern: Concern }
  /** Storage is unreachable: the concern is kept durably on this server and filed, unchanged, once it is back. */
  | { outcome: 'held'; concern: Concern }
  | { outcome: 'duplicate'; concern: Concern }
  | { outcome: 'conflict'; concern: Concern }
  | { outcome: 'refTaken' };

/** `appended` with the entry as stored, or `closed`: the concern was closed first, so nothing was added. */
export type AppendResult = { outcome: 'appended'; entry: ConcernEntry } | { outcome: 'closed' };

/** Which concerns to list; always within one tenant. */
export interface ConcernQuery {
  /** Only those still open (the default) or every one. */
  status?: 'open' | 'all';
  /** Only those this member of staff reported. */
  reporterId?: string;
  /** Page size (default 10). */
  limit?: number;
  /** Opaque cursor from the previous page. */
  cursor?: string;
}

/** One page of concerns, newest first. */
export interface ConcernPage {
  concerns: Concern[];
  /** Pass back as `cursor` for the next page; absent on the last page. */
  next?: string;
}

/**
 * Concerns in Table Storage, one partition per tenant, append-only: nothing is updated in place
 * or deleted. Every read is scoped to one tenant.
 */
export interface ConcernStore {
  /** Stores a new concern with its first entry, once per (reporter, clientRequestId) and bound to its details. */
  create(concern: NewConcern): Promise<CreateResult>;
  /**
   * Appends an entry to an open concern's chronology, with its sequence number; never after a
   * `closed` entry, however many people act at once. Throws if the concern does not exist.
   * What `owes` returns is added to the concern's outbox in the same write as the entry (a message
   * already there with the same id is not added twice): both are stored, or neither.
   */
  append(tenantId: string, ref: string, entry: NewConcernEntry, owes?: OwedMessages): Promise<AppendResult>;
  /** The concern with its whole chronology, or undefined when the tenant has no such reference. */
  get(tenantId: string, ref: string): Promise<Concern | undefined>;
  /** Concerns of a tenant, newest first, paged. */
  list(tenantId: string, query: ConcernQuery): Promise<ConcernPage>;
  /** The concern's outbox (on its head row), read with its version and saved only if unchanged since. */
  deliveryBook(tenantId: string, ref: string): DeliveryBookStore<ConcernMessage>;
  /** Concerns, across tenants, with a message pending whose next attempt is due by `now`. */
  dueDeliveries(now: number): Promise<Array<{ tenantId: string; ref: string }>>;
}

/** What a reporter is told about their concern later on. */
export type ReporterUpdate =
  { kind: 'acknowledged'; by: StaffMember; at: number } | { kind: 'closed'; by: StaffMember; at: number };

/** Tells people about concerns. Previews are content-light: no pupil name, no concern text. */
export interface ConcernNotifier {
  /**
   * The concern's card to one DSL (the concern outbox's send); throws a `DeliveryFailure` saying
   * what the connector answered, so the outbox knows whether to try again.
   */
  alertDsl(concern: Concern, aadObjectId: string): Promise<SentActivity>;
  /** Tells the reporter that something happened to their concern (never the details); throws as `alertDsl` does. */
  updateReporter(concern: Concern, update: ReporterUpdate): Promise<SentActivity>;
}
