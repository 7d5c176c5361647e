/**
 * The concern outbox worker. A new concern is stored with the alerts it owes each DSL, and a DSL's
 * step with the update it owes the reporter (each in the same write), then one round sends them at
 * once; what Teams did not take stays pending on the concern's head row and is sent by the sweep
 * when its retry is due (backoff, Retry-After, for a day). The round, its leases and its retry
 * schedule are the lessons' own (`delivery/deliveryRound.ts`).
 */
import { CoalescingRunner } from '../delivery/coalescingRunner.js';
import { DeliveryFailure, type ConcernMessage, type DeliverySender } from '../delivery/delivery.js';
import { runDeliveryRound } from '../delivery/deliveryRound.js';
import { errorFacts } from '../errorFacts.js';
import type { Clock, Logger } from '../ports.js';
import type { ConcernDelivery, ConcernNotifier, ConcernStore, ReporterUpdate } from './ports.js';
import { concernStatus, type Concern, type StaffMember } from './types.js';

/** What sending a concern's outbox needs. */
export interface ConcernDeliveryDeps {
  store: Pick<ConcernStore, 'get' | 'deliveryBook' | 'dueDeliveries'>;
  notifier: ConcernNotifier;
  clock: Clock;
  logger: Logger;
}

/** Who hears of an urgent concern nobody has taken, and after how many minutes (the policy's escalation section). */
export interface ConcernEscalation {
  deputies: ReadonlyArray<{ aadObjectId: string }>;
  slt: ReadonlyArray<{ aadObjectId: string }>;
  deputiesAfterMinutes: number;
  sltAfterMinutes: number;
}

const MINUTE = 60_000;

/**
 * The alert each DSL is owed for a new concern, pending and due at once. An urgent concern is also
 * owed to the deputies, then the senior leadership team, at the policy's minutes: those copies wait
 * on the outbox and are withdrawn, unsent, once a DSL acknowledges the concern.
 */
export function planConcernAlerts(
  concern: Pick<Concern, 'ref' | 'raisedAt' | 'details'>,
  dsls: StaffMember[],
  now: number,
  escalation?: ConcernEscalation,
): ConcernDelivery[] {
  const message: ConcernMessage = {
    kind: 'concern',
    phase: 'raised',
    ref: concern.ref,
    urgency: concern.details.urgency,
    raisedAt: concern.raisedAt,
  };
  const owed = (aadObjectId: string, role: 'dsl' | 'deputy' | 'slt', dueAt: number): ConcernDelivery => ({
    id: `concern|${concern.ref}|raised|${role === 'dsl' ? '' : `${role}:`}${aadObjectId}`,
    message,
    recipient: { kind: 'person', aadObjectId, role },
    critical: true,
    state: 'pending',
    createdAt: now,
    attempts: 0,
    nextAttemptAt: dueAt,
    ...(role === 'dsl' ? {} : { unlessTaken: true }),
  });
  const alerts = dsls.map((dsl) => owed(dsl.aadObjectId, 'dsl', now));
  if (concern.details.urgency !== 'urgent' || !escalation) return alerts;
  const deputiesAt = concern.raisedAt + escalation.deputiesAfterMinutes * MINUTE;
  const sltAt = deputiesAt + escalation.sltAfterMinutes * MINUTE;
  return [
    ...alerts,
    ...escalation.deputies.map((p) => owed(p.aadObjectId, 'deputy', deputiesAt)),
    ...escalation.slt.map((p) => owed(p.aadObjectId, 'slt', sltAt)),
  ];
}

/** Runs one round for concern `ref`; resolves with its outbox as it stands afterwards. */
export async function deliverConcern(
  deps: ConcernDeliveryDeps,
  tenantId: string,
  ref: string,
): Promise<ConcernDelivery[]> {
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
  if (concernStatus(concern).acknowledgements.length) await withdrawEscalations(book, deps.clock.now());
  await runDeliveryRound({ sender, now: () => deps.clock.now(), logger: deps.logger }, tenantId, book);
  return (await book.load())?.deliveries ?? [];
}

/** Attempts at withdrawing copies while others save the same outbox. */
const WITHDRAW_ATTEMPTS = 8;

/** Someone has taken the concern: copies still waiting for the deputies and senior leaders are not sent. */
async function withdrawEscalations(
  book: ReturnType<ConcernDeliveryDeps['store']['deliveryBook']>,
  now: number,
): Promise<void> {
  // A copy being sent right now (leased) is left to its round.
  const waiting = (d: ConcernDelivery) => d.unlessTaken === true && d.state === 'pending' && (d.leaseUntil ?? 0) <= now;
  for (let attempt = 0; attempt < WITHDRAW_ATTEMPTS; attempt++) {
    const current = await book.load();
    if (!current || !current.deliveries.some(waiting)) return;
    const next = current.deliveries.map((d) => (waiting(d) ? { ...d, state: 'withdrawn' as const } : d));
    if ((await book.save(next, current.etag)).outcome === 'applied') return;
  }
}

/**
 * The update (acknowledged, closed) the reporter is owed, pending and due at once. Its id is made
 * from the step (who, when), so owing the same update twice is one message.
 */
export function reporterUpdateDelivery(
  concern: Pick<Concern, 'ref' | 'reporter'>,
  update: ReporterUpdate,
  now: number,
): ConcernDelivery {
  return {
    id: `concern|${concern.ref}|${update.kind}|${update.by.aadObjectId}|${update.at}`,
    message: { kind: 'concernUpdate', ref: concern.ref, update: update.kind, by: update.by, at: update.at },
    recipient: { kind: 'person', aadObjectId: concern.reporter.aadObjectId, role: 'reporter' },
    critical: false,
    state: 'pending',
    createdAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
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
            deps.logger.warn({ ref, err: errorFacts(error) }, 'concern messages wait for the next sweep');
          }
        });
      }
      return due.length;
    },
  };
}
