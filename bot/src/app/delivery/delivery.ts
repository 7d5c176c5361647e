/**
 * A message the product owes someone, kept as a durable record until the Teams connector has
 * accepted it (or it was given up): the outbox of the lesson or concern that caused it.
 */
import type { ConcernDetails } from '../concerns/types.js';
import type { Finding } from '../../domain/types.js';
import type { MeetingAddress } from '../ports.js';

/** Where a delivery goes: staff in the meeting (targeted notification) or one person's 1:1 chat. */
export type DeliveryRecipient =
  { kind: 'staffInMeeting'; teamsIds: string[] } | { kind: 'person'; aadObjectId: string; role: RecipientRole };

/**
 * Why a person receives a delivery: a DSL's content-light card (deputies and senior leaders get the
 * same card when nobody acknowledged in time), the organizer's short card, a card for another member
 * of staff about a lesson they set up, or a concern's reporter's update.
 */
export type RecipientRole = 'dsl' | 'deputy' | 'slt' | 'organizer' | 'staff' | 'reporter';

/** The finding fields a message needs (not the whole finding, to keep the lesson row small). */
export type FindingSummary = Pick<Finding, 'ruleId' | 'key' | 'severity' | 'message' | 'action'>;

/** What to say about a finding; rendered by the Teams adapter at send time. */
export interface FindingMessage {
  kind: 'finding';
  /** `acknowledged`: tells those who got a critical alert who is dealing with it. */
  phase: 'raised' | 'cleared' | 'acknowledged';
  /** Who took the alert (phase `acknowledged`). */
  acknowledgedBy?: { name: string; at: number };
  /** The id Teams gave the alert card this message replaces in place (phase `acknowledged`). */
  replaces?: string;
  /** The most serious of the findings this message is about. */
  finding: FindingSummary;
  /** Findings that started at the same moment for the same people: one notification, not one each. */
  also?: FindingSummary[];
  meeting: MeetingAddress;
  raisedAt: number;
}

/**
 * A 1:1 card about a lesson for one member of staff (checklist reminder, meeting options, end-of-lesson
 * summary, attendance report), written out when its cause happened and kept until Teams takes it.
 */
export interface LessonCardMessage {
  kind: 'card';
  /** What caused it, unique in the lesson (e.g. `summary@<end>`): queuing the same cause twice is one card. */
  cause: string;
  title: string;
  /** Emptied once the card is sent or given up, so the lesson row stays small; the title stays as a trace. */
  lines: string[];
}

/** What a lesson's outbox holds: messages about findings and 1:1 cards about the lesson. */
export type LessonMessage = FindingMessage | LessonCardMessage;

/**
 * A new concern, for a DSL: content-light (reference, urgency, time); the card is built from the concern at send time.
 */
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

/** Every kind of message the outboxes hold. */
export type OutboxMessage = LessonMessage | ConcernMessage;

/** Life of a delivery: `pending` until the connector answers 2xx (`sent`) or it is given up (`failed`). */
export type DeliveryState = 'pending' | 'sent' | 'failed' | 'withdrawn';

/** One message to one recipient, with its attempts (a lesson's message unless `M` says otherwise). */
export interface Delivery<M extends OutboxMessage = LessonMessage> {
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
  /** A raise whose findings have all cleared: its "resolved" follow-up is planned (or not owed). */
  closed?: boolean;
  /** A raise: when each of its findings stopped, as the outbox saw it go (the lesson summary's end times). */
  overAt?: Record<string, number>;
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
export interface DeliverySender<M extends OutboxMessage = LessonMessage> {
  send(tenantId: string, delivery: Delivery<M>): Promise<SentActivity>;
}

/** Whether a lesson delivery is about a finding (not a 1:1 card). */
export function isFindingDelivery(d: Delivery): d is Delivery<FindingMessage> {
  return d.message.kind === 'finding';
}

/** Every finding a message is about: the most serious first. */
export function findingsOf(message: FindingMessage): FindingSummary[] {
  return [message.finding, ...(message.also ?? [])];
}

/** The deliveries of a lesson that are about findings. */
export function findingDeliveries(deliveries: readonly Delivery[]): Delivery<FindingMessage>[] {
  return deliveries.filter(isFindingDelivery);
}
