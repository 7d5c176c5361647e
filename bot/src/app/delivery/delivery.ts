/**
 * A message the product owes someone, kept as a durable record until the Teams connector has
 * accepted it (or it was given up): the outbox of the lesson or concern that caused it.
 */
import type { ConcernDetails } from '../concerns/types.js';
import type { Finding } from '../../domain/types.js';
import type { MeetingAddress } from '../ports.js';

/** Where a delivery goes: staff in the meeting (targeted notification) or one person's 1:1 chat. */
export type DeliveryRecipient =
  | { kind: 'staffInMeeting'; teamsIds: string[] }
  | { kind: 'person'; aadObjectId: string; role: RecipientRole };

/**
 * Why a person receives a delivery: a DSL's content-light card (deputies and senior leaders get the
 * same card when nobody acknowledged in time), the organizer's short card, or a concern's reporter's update.
 */
export type RecipientRole = 'dsl' | 'deputy' | 'slt' | 'organizer' | 'reporter';

/** The finding fields a message needs (not the whole finding, to keep the lesson row small). */
export type FindingSummary = Pick<Finding, 'ruleId' | 'key' | 'severity' | 'message' | 'action'>;

/** What to say about a finding; rendered by the Teams adapter at send time. */
export interface DeliveryMessage {
  kind: 'finding';
  /** `acknowledged`: tells those who got a critical alert who is dealing with it. */
  phase: 'raised' | 'cleared' | 'acknowledged';
  /** Who took the alert (phase `acknowledged`). */
  acknowledgedBy?: { name: string; at: number };
  /** The id Teams gave the alert card this message replaces in place (phase `acknowledged`). */
  replaces?: string;
  finding: FindingSummary;
  meeting: MeetingAddress;
  raisedAt: number;
}

/** A new concern, for a DSL: content-light (reference, urgency, time); the card is built from the concern at send time. */
export interface ConcernRaisedMessage {
  kind: 'concern';
  phase: 'raised';
  ref: string;
  urgency: ConcernDetails['urgency'];
  raisedAt: number;
}

/** What a reporter is told later about their concern: who did what, and when (never the content). */
export interface ConcernUpdateMessage {
  kind: 'concernUpdate';
  ref: string;
  update: 'acknowledged' | 'closed';
  by: { aadObjectId: string; name: string };
  at: number;
}

/** What a concern owes people: kept on the concern's head row until Teams accepted it. */
export type ConcernMessage = ConcernRaisedMessage | ConcernUpdateMessage;

/** Every kind of message the outboxes hold (a lesson's are {@link DeliveryMessage}). */
export type OutboxMessage = DeliveryMessage | ConcernMessage;

/** Life of a delivery: `pending` until the connector answers 2xx (`sent`) or it is given up (`failed`). */
export type DeliveryState = 'pending' | 'sent' | 'failed' | 'withdrawn';

/** One message to one recipient, with its attempts (a lesson's finding message unless `M` says otherwise). */
export interface Delivery<M extends OutboxMessage = DeliveryMessage> {
  /** Deterministic from its cause and recipient, so planning the same thing twice is one delivery. */
  id: string;
  message: M;
  recipient: DeliveryRecipient;
  /** Critical alerts: health checks and receipts watch these. */
  critical: boolean;
  state: DeliveryState;
  createdAt: number;
  attempts: number;
  /** Not before this instant (backoff, Retry-After). */
  nextAttemptAt: number;
  /** While an instance is sending it: nobody else sends before this instant. */
  leaseUntil?: number;
  sentAt?: number;
  /** The id Teams gave the sent activity (to update the card later). */
  activityId?: string;
  lastError?: string;
  /** A raise whose finding has since cleared: its "resolved" follow-up is planned (or not owed). */
  closed?: boolean;
  /** An escalation (to deputies or senior leaders): withdrawn, unsent, once someone has taken what it is about. */
  unlessTaken?: boolean;
}

/** What the connector said when a send failed, already classified by the adapter. */
export class DeliveryFailure extends Error {
  override name = 'DeliveryFailure';
  constructor(
    message: string,
    /** Worth trying again (429, 5xx, network, timeout); false for 4xx the same request cannot fix. */
    readonly transient: boolean,
    /** The connector's Retry-After, in ms. */
    readonly retryAfterMs?: number,
    readonly status?: number,
  ) {
    super(message);
  }
}

/** What a successful send returns. */
export interface SentActivity {
  activityId?: string;
}

/** Sends one delivery through Teams; throws {@link DeliveryFailure} (or anything, treated as transient). */
export interface DeliverySender<M extends OutboxMessage = DeliveryMessage> {
  send(tenantId: string, delivery: Delivery<M>): Promise<SentActivity>;
}
