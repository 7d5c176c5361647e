/**
 * One round of the delivery worker for one lesson or concern: claim what is due (an If-Match write
 * of a short lease, so two instances never send the same thing), send it, and record what the
 * connector said. Nothing is marked sent unless the send resolved; a failure is retried with
 * backoff and Retry-After until the retry window closes, then marked failed and logged once.
 */
import type { Logger } from '../ports.js';
import {
  DeliveryFailure,
  type Delivery,
  type DeliverySender,
  type LessonMessage,
  type OutboxMessage,
  type SentActivity,
} from './delivery.js';
import { nextAttemptAt, SEND_LEASE_MS } from './retrySchedule.js';

/** A subject's deliveries as stored, with the version they were read at. */
export interface DeliveryBook<M extends OutboxMessage = LessonMessage> {
  deliveries: Delivery<M>[];
  etag: string;
  /** Follow-ups owed once results are known (e.g. a "resolved" for a raise that was in flight). */
  settle?(deliveries: Delivery<M>[], now: number): Delivery<M>[];
}

/** Where a subject's deliveries are kept (the lesson snapshot, a concern's rows). */
export interface DeliveryBookStore<M extends OutboxMessage = LessonMessage> {
  load(): Promise<DeliveryBook<M> | undefined>;
  save(
    deliveries: Delivery<M>[],
    etag: string,
  ): Promise<{ outcome: 'applied'; etag: string } | { outcome: 'conflict' }>;
}

/** What the round needs. */
export interface DeliveryRoundDeps<M extends OutboxMessage = LessonMessage> {
  sender: DeliverySender<M>;
  now(): number;
  logger: Logger;
  /** Longest one send may take before it counts as a transient failure. */
  sendTimeoutMs?: number;
}

/** What a round did, and when the subject next has something due. */
export interface RoundResult {
  sent: number;
  failed: number;
  nextDueAt?: number;
}

/** Other writers of the same record (events, sweeps) each win within a few tries; past this, something is wrong. */
const SAVE_ATTEMPTS = 8;

/** Runs one round for the subject whose deliveries `store` holds. */
export async function runDeliveryRound<M extends OutboxMessage>(
  deps: DeliveryRoundDeps<M>,
  tenantId: string,
  store: DeliveryBookStore<M>,
): Promise<RoundResult> {
  const claimed = await claim(deps, store);
  if (!claimed) return { sent: 0, failed: 0, ...nextDue(await store.load()) };
  const outcomes = await Promise.all(claimed.due.map((d) => attempt(deps, tenantId, d)));
  let book: DeliveryBook<M> | undefined;
  for (let i = 0; i < SAVE_ATTEMPTS; i++) {
    book = await store.load();
    if (!book) return { sent: 0, failed: 0 };
    const now = deps.now();
    const patched = book.deliveries.map((d) => {
      const k = claimed.due.findIndex((c) => c.id === d.id);
      return k >= 0 && d.leaseUntil === claimed.leaseUntil ? record(deps, tenantId, d, outcomes[k]!, now) : d;
    });
    const settled = book.settle ? book.settle(patched, now) : patched;
    const saved = await store.save(settled, book.etag);
    if (saved.outcome === 'applied') {
      const sent = outcomes.filter((o) => o.ok).length;
      return { sent, failed: outcomes.length - sent, ...nextDue({ ...book, deliveries: settled }) };
    }
  }
  throw new Error('Could not record delivery results: the record kept changing.');
}

async function claim<M extends OutboxMessage>(
  deps: DeliveryRoundDeps<M>,
  store: DeliveryBookStore<M>,
): Promise<{ due: Delivery<M>[]; leaseUntil: number } | undefined> {
  for (let i = 0; i < SAVE_ATTEMPTS; i++) {
    const book = await store.load();
    if (!book) return undefined;
    const now = deps.now();
    const due = book.deliveries.filter((d) => isDue(d, now));
    if (!due.length) return undefined;
    const leaseUntil = now + SEND_LEASE_MS;
    const ids = new Set(due.map((d) => d.id));
    const leased = book.deliveries.map((d) => (ids.has(d.id) ? { ...d, leaseUntil, attempts: d.attempts + 1 } : d));
    const saved = await store.save(leased, book.etag);
    if (saved.outcome === 'applied') return { due: leased.filter((d) => ids.has(d.id)), leaseUntil };
  }
  return undefined;
}

type Outcome = { ok: true; sent: SentActivity } | { ok: false; failure: DeliveryFailure };

async function attempt<M extends OutboxMessage>(
  deps: DeliveryRoundDeps<M>,
  tenantId: string,
  delivery: Delivery<M>,
): Promise<Outcome> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(
      () => reject(new DeliveryFailure('Teams did not answer in time.', true)),
      deps.sendTimeoutMs ?? 20_000,
    );
  });
  try {
    return { ok: true, sent: await Promise.race([deps.sender.send(tenantId, delivery), timeout]) };
  } catch (error) {
    return {
      ok: false,
      failure:
        error instanceof DeliveryFailure
          ? error
          : new DeliveryFailure(error instanceof Error ? error.message : String(error), true),
    };
  } finally {
    clearTimeout(timer);
  }
}

function record<M extends OutboxMessage>(
  deps: DeliveryRoundDeps<M>,
  tenantId: string,
  d: Delivery<M>,
  outcome: Outcome,
  now: number,
): Delivery<M> {
  const { leaseUntil: _lease, ...rest } = d;
  if (outcome.ok) {
    const { lastError: _error, ...clean } = rest;
    return { ...clean, state: 'sent', sentAt: now, ...outcome.sent };
  }
  const { failure } = outcome;
  const retryAt = failure.transient ? nextAttemptAt(d.createdAt, d.attempts, now, failure.retryAfterMs) : undefined;
  const lastError = failure.status ? `${failure.status}: ${failure.message}` : failure.message;
  if (retryAt !== undefined) {
    deps.logger.debug({ delivery: d.id, attempts: d.attempts, status: failure.status }, 'delivery failed; will retry');
    return { ...rest, nextAttemptAt: retryAt, lastError };
  }
  const m = d.message;
  const about =
    m.kind === 'finding'
      ? { ruleId: m.finding.ruleId }
      : m.kind === 'card'
        ? { card: m.cause.split('@')[0] }
        : { ref: m.ref };
  // The status, not the connector's text (errorFacts.ts): the text stays on the delivery, where staff see it.
  const given = { tenantId, delivery: d.id, ...about, attempts: d.attempts, status: failure.status };
  deps.logger.error(given, 'delivery given up');
  return { ...rest, state: 'failed', lastError };
}

/** Whether a delivery should be sent now. */
export function isDue(d: Delivery<OutboxMessage>, now: number): boolean {
  return d.state === 'pending' && d.nextAttemptAt <= now && (d.leaseUntil === undefined || d.leaseUntil <= now);
}

function nextDue(book: DeliveryBook<OutboxMessage> | undefined): { nextDueAt?: number } {
  const times = (book?.deliveries ?? [])
    .filter((d) => d.state === 'pending')
    .map((d) => Math.max(d.nextAttemptAt, d.leaseUntil ?? 0));
  return times.length ? { nextDueAt: Math.min(...times) } : {};
}
