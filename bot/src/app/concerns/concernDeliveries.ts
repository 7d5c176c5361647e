/**
 * The concern outbox worker. A new concern is stored with the alerts it owes each DSL (in the same
 * write), then one round sends them at once; what Teams did not take stays pending on the concern's
 * head row and is sent by the sweep when its retry is due (backoff, Retry-After, for a day). The
 * round, its leases and its retry schedule are the lessons' own (`delivery/deliveryRound.ts`).
 */
import { CoalescingRunner } from '../delivery/coalescingRunner.js';
import { DeliveryFailure, type ConcernMessage, type DeliverySender } from '../delivery/delivery.js';
import { runDeliveryRound } from '../delivery/deliveryRound.js';
import type { Clock, Logger } from '../ports.js';
import type { ConcernDelivery, ConcernNotifier, ConcernStore, ReporterUpdate } from './ports.js';
import type { Concern, StaffMember } from './types.js';

/** What sending a concern's outbox needs. */
export interface ConcernDeliveryDeps {
  store: Pick<ConcernStore, 'get' | 'deliveryBook' | 'dueDeliveries'>;
  notifier: ConcernNotifier;
  clock: Clock;
  logger: Logger;
}

/** The alert each DSL is owed for a new concern, pending and due at once. */
export function planConcernAlerts(concern: Pick<Concern, 'ref' | 'raisedAt' | 'details'>, dsls: StaffMember[], now: number): ConcernDelivery[] {
  const message: ConcernMessage = { kind: 'concern', phase: 'raised', ref: concern.ref, urgency: concern.details.urgency, raisedAt: concern.raisedAt };
  return dsls.map((dsl) => ({
    id: `concern|${concern.ref}|raised|${dsl.aadObjectId}`,
    message,
    recipient: { kind: 'person', aadObjectId: dsl.aadObjectId, role: 'dsl' },
    critical: true,
    state: 'pending',
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
  }));
}

/** Runs one round for concern `ref`; resolves with its outbox as it stands afterwards. */
export async function deliverConcern(deps: ConcernDeliveryDeps, tenantId: string, ref: string): Promise<ConcernDelivery[]> {
  const concern = await deps.store.get(tenantId, ref);
  if (!concern) return [];
  // The DSL's card shows the concern itself (inside the card; the preview stays content-light).
  const sender: DeliverySender<ConcernMessage> = {
    async send(_tenantId, d) {
      const { message, recipient } = d;
      if (recipient.kind !== 'person') throw new DeliveryFailure('A concern message goes to one person.', false);
      if (message.kind === 'concern') return deps.notifier.alertDsl(concern, recipient.aadObjectId);
      return deps.notifier.updateReporter(concern, { kind: message.update, by: message.by, at: message.at });
    },
  };
  const book = deps.store.deliveryBook(tenantId, ref);
  await runDeliveryRound({ sender, now: () => deps.clock.now(), logger: deps.logger }, tenantId, book);
  return (await book.load())?.deliveries ?? [];
}

/** Attempts at adding a message while others save the same outbox. */
const OWE_ATTEMPTS = 8;

/**
 * Owes the reporter an update (acknowledged, closed) on the concern's outbox, then sends it; what
 * Teams does not take now is retried by the sweep. Owing the same update twice is one message.
 */
export async function oweReporterUpdate(deps: ConcernDeliveryDeps, concern: Concern, update: ReporterUpdate): Promise<void> {
  const now = deps.clock.now();
  const message: ConcernMessage = { kind: 'concernUpdate', ref: concern.ref, update: update.kind, by: update.by, at: update.at };
  const owed: ConcernDelivery = {
    id: `concern|${concern.ref}|${update.kind}|${update.by.aadObjectId}|${update.at}`,
    message,
    recipient: { kind: 'person', aadObjectId: concern.reporter.aadObjectId, role: 'reporter' },
    critical: false,
    state: 'pending',
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
  const book = deps.store.deliveryBook(concern.tenantId, concern.ref);
  for (let attempt = 0; attempt < OWE_ATTEMPTS; attempt++) {
    const current = await book.load();
    if (!current) throw new Error('A concern stored before outboxes were kept has no head to hold a message.');
    if (current.deliveries.some((d) => d.id === owed.id)) break;
    if ((await book.save([...current.deliveries, owed], current.etag)).outcome === 'applied') break;
  }
  await deliverConcern(deps, concern.tenantId, concern.ref);
}

/** The sweep's part: sends what is due on every concern. */
export interface ConcernDeliverySweep {
  /** One pass over concerns with a message due; returns how many concerns it visited. */
  sweep(): Promise<number>;
}

/** Time between two scans for concern messages due again. */
export const SCAN_EVERY_MS = 30_000;

/** Builds the sweep that retries concern messages (one round at a time per concern on this instance). */
export function createConcernDeliverySweep(deps: ConcernDeliveryDeps): ConcernDeliverySweep {
  const runner = new CoalescingRunner();
  let nextScanAt = -Infinity;
  return {
    async sweep() {
      // Finding due messages reads every concern's head row: at most twice a minute, not every tick
      // (a concern's first round runs when it is logged; only retries wait for this).
      const now = deps.clock.now();
      if (now < nextScanAt) return 0;
      nextScanAt = now + SCAN_EVERY_MS;
      const due = await deps.store.dueDeliveries(now);
      for (const { tenantId, ref } of due) {
        await runner.run(`${tenantId}\u0000${ref}`, async () => {
          try {
            await deliverConcern(deps, tenantId, ref);
          } catch (error) {
            // One concern's trouble (storage gone again, a record changing) must not hold up the others.
            deps.logger.warn({ ref, err: error instanceof Error ? error.name : 'unknown' }, 'concern messages wait for the next sweep');
          }
        });
      }
      return due.length;
    },
  };
}
