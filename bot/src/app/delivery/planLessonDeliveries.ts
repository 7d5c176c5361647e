/**
 * Which messages a lesson owes, worked out from its alert book: every raised finding is owed to
 * the people its audience names, and a raise that was delivered is owed a "resolved" once the
 * finding is no longer raised. A raise not yet sent when its finding cleared is withdrawn (nobody
 * is told of a problem that is over), and no "resolved" is ever owed for a raise nobody received.
 * 1:1 cards about the lesson (checklist, summary) are owed once per cause; once Teams has taken
 * one (or it was given up) only its title is kept.
 */
import { staffPresent } from '../../domain/presence.js';
import { fingerprint } from '../fingerprint.js';
import type { AlertBook, Finding, MeetingState } from '../../domain/types.js';
import type { MeetingKey } from '../ports.js';
import type { Delivery, DeliveryRecipient, FindingMessage, FindingSummary, LessonMessage } from './delivery.js';

/** What planning needs besides the book. */
export interface LessonPlanContext {
  key: MeetingKey;
  state: MeetingState;
  /** The tenant's DSLs (for findings whose audience includes the DSL). */
  dsls: ReadonlyArray<{ aadObjectId: string }>;
  now: number;
}

/** The lesson's deliveries after `started` were raised and the book changed: the old ones, updated, plus new ones. */
export function planLessonDeliveries(existing: readonly Delivery[], book: AlertBook, started: readonly Finding[], ctx: LessonPlanContext): Delivery[] {
  const next = settleRaises(existing, book, ctx);
  for (const finding of started) {
    const raisedAt = book[finding.key]?.raisedAt ?? ctx.now;
    const message: FindingMessage = { kind: 'finding', phase: 'raised', finding: summary(finding), meeting: address(ctx), raisedAt };
    for (const recipient of recipientsOf(finding, ctx)) addOnce(next, newDelivery(message, recipient, finding.severity === 'critical', ctx.now));
  }
  return next;
}

/** Stable id of a delivery: the same cause to the same recipient is one delivery. */
export function deliveryId(parts: readonly string[]): string {
  return fingerprint(parts).slice(0, 22);
}

/** A new pending delivery, due now. */
export function newDelivery(message: LessonMessage, recipient: DeliveryRecipient, critical: boolean, now: number): Delivery {
  return { id: deliveryId([causeOf(message), recipientKey(recipient)]), message, recipient, critical, state: 'pending', createdAt: now, attempts: 0, nextAttemptAt: now };
}

/** Appends `delivery` unless one with its id exists. */
export function addOnce(list: Delivery[], delivery: Delivery): void {
  if (!list.some((d) => d.id === delivery.id)) list.push(delivery);
}

/** Closes raises whose finding is no longer raised (copying only those), owing a "resolved" to those who got the raise. */
function settleRaises(existing: readonly Delivery[], book: AlertBook, ctx: LessonPlanContext): Delivery[] {
  const next = [...existing];
  existing.forEach((d, i) => {
    const m = d.message;
    if (m.kind === 'card') {
      if (d.state !== 'pending' && m.lines.length) next[i] = { ...d, message: { ...m, lines: [] } };
      return;
    }
    if (m.phase !== 'raised' || d.closed || book[m.finding.key]?.raisedAt === m.raisedAt) return;
    if (d.state === 'pending' && d.leaseUntil !== undefined && d.leaseUntil > ctx.now) return; // in flight: decided when its result is known
    next[i] = { ...d, closed: true, ...(d.state === 'pending' ? { state: 'withdrawn' as const } : {}) };
    const recipient = d.state !== 'sent' ? undefined : d.recipient.kind === 'staffInMeeting' ? staffHere(ctx) : d.recipient;
    if (recipient) addOnce(next, newDelivery({ ...m, phase: 'cleared', meeting: address(ctx) }, recipient, d.critical, ctx.now));
  });
  return next;
}

function recipientsOf(finding: Finding, ctx: LessonPlanContext): DeliveryRecipient[] {
  const recipients: DeliveryRecipient[] = [];
  const here = staffHere(ctx);
  if (finding.audience.includes('staffPresent') && here) recipients.push(here);
  const organizer = ctx.state.organizerId;
  const organizerHere = staffPresent(ctx.state).some((p) => p.id === organizer);
  if (finding.audience.includes('organizer') && organizer && !organizerHere) recipients.push({ kind: 'person', aadObjectId: organizer, role: 'organizer' });
  if (finding.audience.includes('dsl')) for (const dsl of ctx.dsls) recipients.push({ kind: 'person', aadObjectId: dsl.aadObjectId, role: 'dsl' });
  return recipients;
}

function staffHere(ctx: LessonPlanContext): DeliveryRecipient | undefined {
  if (!ctx.state.address) return undefined;
  const teamsIds = staffPresent(ctx.state).map((p) => p.teamsId);
  return teamsIds.length ? { kind: 'staffInMeeting', teamsIds } : undefined;
}

function address(ctx: LessonPlanContext) {
  return { key: ctx.key, serviceUrl: ctx.state.address?.serviceUrl ?? '', conversationId: ctx.state.address?.conversationId ?? '', title: ctx.state.title || 'Lesson' };
}

function summary(f: Finding): FindingSummary {
  return { ruleId: f.ruleId, key: f.key, severity: f.severity, message: f.message, action: f.action };
}

function causeOf(message: LessonMessage): string {
  return message.kind === 'card' ? `card|${message.cause}` : `${message.finding.key}|${message.phase}|${message.raisedAt}`;
}

function recipientKey(r: DeliveryRecipient): string {
  return r.kind === 'person' ? `${r.role}:${r.aadObjectId}` : `meeting:${[...r.teamsIds].sort().join(',')}`;
}
