/**
 * Which messages a lesson owes, worked out from its alert book. One notification per moment: the
 * findings that start together for the same people are one message (most serious first), except
 * the DSLs' copies, which stay one per finding because each is acknowledged and escalated on its
 * own. A raise not yet sent when its findings cleared is withdrawn (nobody is told of a problem
 * that is over). A "resolved" is pushed only for a critical raise that was delivered (the side
 * panel shows the rest), and after the lesson has ended only to the DSLs: the organizer gets the
 * summary, and in-meeting notifications still waiting are withdrawn. 1:1 cards about the lesson
 * (checklist, summary) are owed once per cause; once Teams has taken one only its title is kept.
 */
import { staffPresent } from '../../domain/presence.js';
import { fingerprint } from '../fingerprint.js';
import { SEVERITY_ORDER } from '../../domain/severity.js';
import type { AlertBook, Finding, MeetingState } from '../../domain/types.js';
import type { MeetingKey } from '../ports.js';
import {
  findingsOf,
  type Delivery,
  type DeliveryRecipient,
  type FindingMessage,
  type FindingSummary,
  type LessonMessage,
} from './delivery.js';

/** What planning needs besides the book. */
export interface LessonPlanContext {
  key: MeetingKey;
  state: MeetingState;
  /** The tenant's DSLs (for findings whose audience includes the DSL). */
  dsls: ReadonlyArray<{ aadObjectId: string }>;
  now: number;
}

/** The lesson's deliveries after `started` were raised and the book changed: the old ones, updated, plus new ones. */
export function planLessonDeliveries(
  existing: readonly Delivery[],
  book: AlertBook,
  started: readonly Finding[],
  ctx: LessonPlanContext,
): Delivery[] {
  const next = settleRaises(existing, book, ctx);
  const together = new Map<string, { recipient: DeliveryRecipient; findings: Finding[] }>();
  for (const finding of started) {
    for (const recipient of recipientsOf(finding, ctx)) {
      const group = isSafeguardingCopy(recipient)
        ? `${recipientKey(recipient)}|${finding.key}`
        : recipientKey(recipient);
      const found = together.get(group) ?? together.set(group, { recipient, findings: [] }).get(group)!;
      found.findings.push(finding);
    }
  }
  for (const { recipient, findings } of together.values()) {
    const [first, ...rest] = [...findings].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
    const raisedAt = book[first!.key]?.raisedAt ?? ctx.now;
    const message: FindingMessage = {
      kind: 'finding',
      phase: 'raised',
      finding: summary(first!),
      ...(rest.length ? { also: rest.map(summary) } : {}),
      meeting: address(ctx),
      raisedAt,
    };
    addOnce(
      next,
      newDelivery(
        message,
        recipient,
        findings.some((f) => f.severity === 'critical'),
        ctx.now,
      ),
    );
  }
  return next;
}

/** A DSL's (or deputy's, or senior leader's) copy of a finding. */
function isSafeguardingCopy(r: DeliveryRecipient): boolean {
  return r.kind === 'person' && (r.role === 'dsl' || r.role === 'deputy' || r.role === 'slt');
}

/** Stable id of a delivery: the same cause to the same recipient is one delivery. */
export function deliveryId(parts: readonly string[]): string {
  return fingerprint(parts).slice(0, 22);
}

/** A new pending delivery, due now. */
export function newDelivery(
  message: LessonMessage,
  recipient: DeliveryRecipient,
  critical: boolean,
  now: number,
): Delivery {
  return {
    id: deliveryId([causeOf(message), recipientKey(recipient)]),
    message,
    recipient,
    critical,
    state: 'pending',
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
}

/** Appends `delivery` unless one with its id exists. */
export function addOnce(list: Delivery[], delivery: Delivery): void {
  if (!list.some((d) => d.id === delivery.id)) list.push(delivery);
}

/**
 * Closes raises whose finding is no longer raised (copying only those), owing a "resolved" to those who got the raise.
 */
function settleRaises(existing: readonly Delivery[], book: AlertBook, ctx: LessonPlanContext): Delivery[] {
  const next = [...existing];
  existing.forEach((delivery, i) => {
    let d = delivery;
    const m = d.message;
    if (m.kind === 'card') {
      if (d.state !== 'pending' && m.lines.length) next[i] = { ...d, message: { ...m, lines: [] } };
      return;
    }
    if (m.phase !== 'raised' || d.closed) return;
    const stopped = findingsOf(m).filter((f) => book[f.key]?.raisedAt !== m.raisedAt);
    const newlyOver = stopped.filter((f) => d.overAt?.[f.key] === undefined);
    if (newlyOver.length)
      next[i] = d = { ...d, overAt: { ...d.overAt, ...Object.fromEntries(newlyOver.map((f) => [f.key, ctx.now])) } };
    // In flight: decided when its result is known.
    if (d.state === 'pending' && d.leaseUntil !== undefined && d.leaseUntil > ctx.now) return;
    const ended = ctx.state.endedAt !== undefined;
    if (stopped.length < findingsOf(m).length) {
      // An in-meeting notification for a lesson that has ended would reach nobody who can act on it.
      if (ended && d.state === 'pending' && d.recipient.kind === 'staffInMeeting')
        next[i] = { ...d, state: 'withdrawn' };
      return;
    }
    next[i] = { ...d, closed: true, ...(d.state === 'pending' ? { state: 'withdrawn' as const } : {}) };
    if (d.state !== 'sent' || !d.critical || (ended && !isSafeguardingCopy(d.recipient))) return;
    const recipient = d.recipient.kind === 'staffInMeeting' ? staffHere(ctx) : d.recipient;
    if (recipient)
      addOnce(next, newDelivery({ ...m, phase: 'cleared', meeting: address(ctx) }, recipient, d.critical, ctx.now));
  });
  return next;
}

function recipientsOf(finding: Finding, ctx: LessonPlanContext): DeliveryRecipient[] {
  const recipients: DeliveryRecipient[] = [];
  const here = staffHere(ctx);
  if (finding.audience.includes('staffPresent') && here) recipients.push(here);
  const organizer = ctx.state.organizerId;
  const organizerHere = staffPresent(ctx.state).some((p) => p.id === organizer);
  if (finding.audience.includes('organizer') && organizer && !organizerHere)
    recipients.push({ kind: 'person', aadObjectId: organizer, role: 'organizer' });
  if (finding.audience.includes('dsl'))
    for (const dsl of ctx.dsls) recipients.push({ kind: 'person', aadObjectId: dsl.aadObjectId, role: 'dsl' });
  return recipients;
}

function staffHere(ctx: LessonPlanContext): DeliveryRecipient | undefined {
  if (!ctx.state.address) return undefined;
  const teamsIds = staffPresent(ctx.state).map((p) => p.teamsId);
  return teamsIds.length ? { kind: 'staffInMeeting', teamsIds } : undefined;
}

function address(ctx: LessonPlanContext) {
  return {
    key: ctx.key,
    serviceUrl: ctx.state.address?.serviceUrl ?? '',
    conversationId: ctx.state.address?.conversationId ?? '',
    title: ctx.state.title || 'Lesson',
  };
}

function summary(f: Finding): FindingSummary {
  return { ruleId: f.ruleId, key: f.key, severity: f.severity, message: f.message, action: f.action };
}

function causeOf(message: LessonMessage): string {
  return message.kind === 'card'
    ? `card|${message.cause}`
    : `${message.finding.key}|${message.phase}|${message.raisedAt}`;
}

function recipientKey(r: DeliveryRecipient): string {
  return r.kind === 'person' ? `${r.role}:${r.aadObjectId}` : `meeting:${[...r.teamsIds].sort().join(',')}`;
}
