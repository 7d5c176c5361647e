/**
 * Concerns that survive a Table Storage outage. A concern that cannot be stored is written to a
 * journal on local disk (flushed before the reporter is answered) and kept in memory; the DSL is
 * told at once by the use case, and the concern is filed unchanged (its reference, its time, its
 * form id) as soon as storage answers. A process started after a crash files what the last one held.
 * A held concern's outbox lives in memory (the DSL's alert is sent from there) and is filed with it.
 */
import { join } from 'node:path';
import type {
  ConcernPage,
  ConcernQuery,
  ConcernStore,
  CreateResult,
  NewConcern,
  OwedMessages,
} from '../app/concerns/ports.js';
import type { Concern, NewConcernEntry } from '../app/concerns/types.js';
import type { ConcernMessage } from '../app/delivery/delivery.js';
import { isDue, type DeliveryBookStore } from '../app/delivery/deliveryRound.js';
import { errorFacts } from '../app/errorFacts.js';
import type { Logger } from '../app/ports.js';
import { DiskJournal } from './diskJournal.js';
import { isUnavailable } from './errors.js';

/** A {@link ConcernStore} that holds new concerns durably while storage is unreachable. */
export class HoldingConcernStore implements ConcernStore {
  private readonly held: NewConcern[] = [];
  /** Version of each held concern's outbox in memory, so the delivery round's If-Match still holds. */
  private readonly versions = new Map<NewConcern, number>();
  private readonly journal: DiskJournal;

  constructor(
    private readonly stored: ConcernStore,
    dataDir: string,
    private readonly logger: Logger,
  ) {
    this.journal = new DiskJournal(join(dataDir, 'held-concerns'));
  }

  /** Concerns waiting to be filed. */
  get size(): number {
    return this.held.length;
  }

  /** Takes back the concerns earlier processes held and never filed. */
  recover(): void {
    const { entries } = this.journal.recover();
    const concerns = entries.filter(isNewConcern);
    this.held.push(...concerns);
    if (concerns.length)
      this.logger.warn({ concerns: concerns.length }, 'concerns held by an earlier process are waiting to be filed');
  }

  async create(concern: NewConcern): Promise<CreateResult> {
    const waiting = this.held.find(
      (c) =>
        c.tenantId === concern.tenantId &&
        c.reporter.aadObjectId === concern.reporter.aadObjectId &&
        c.clientRequestId === concern.clientRequestId,
    );
    if (waiting) return { outcome: 'duplicate', concern: asConcern(waiting) };
    try {
      return await this.stored.create(concern);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      this.journal.append(concern);
      this.held.push(concern);
      this.logger.error({ ref: concern.ref }, 'storage unavailable: concern held on this server until it is back');
      return { outcome: 'held', concern: asConcern(concern) };
    }
  }

  /** Files held concerns in the order they came; stops at the first storage still refuses. Returns how many. */
  async file(): Promise<number> {
    let filed = 0;
    while (this.held.length) {
      const next = this.held[0]!;
      try {
        // Created, or already filed by an earlier attempt whose answer was lost (same form id): either way it is in.
        // A reference taken meanwhile is one chance in hundreds of millions: kept on disk and reported.
        if ((await this.stored.create(next)).outcome === 'refTaken') {
          this.logger.error({ ref: next.ref }, "a held concern's reference was taken meanwhile; it stays on disk");
          return filed;
        }
      } catch (error) {
        if (!isUnavailable(error))
          this.logger.error({ ref: next.ref, err: errorFacts(error) }, 'a held concern could not be filed yet');
        return filed;
      }
      this.versions.delete(this.held.shift()!);
      filed++;
    }
    if (filed) {
      this.journal.clear();
      this.logger.info({ filed }, 'storage is back: held concerns filed');
    }
    return filed;
  }

  append(tenantId: string, ref: string, entry: NewConcernEntry, owes?: OwedMessages) {
    return this.stored.append(tenantId, ref, entry, owes);
  }

  async get(tenantId: string, ref: string): Promise<Concern | undefined> {
    const waiting = this.held.find((c) => c.tenantId === tenantId && c.ref === ref);
    return waiting ? asConcern(waiting) : this.stored.get(tenantId, ref);
  }

  list(tenantId: string, query: ConcernQuery): Promise<ConcernPage> {
    return this.stored.list(tenantId, query);
  }

  deliveryBook(tenantId: string, ref: string): DeliveryBookStore<ConcernMessage> {
    const find = () => this.held.find((c) => c.tenantId === tenantId && c.ref === ref);
    if (!find()) return this.stored.deliveryBook(tenantId, ref);
    return {
      load: async () => {
        const held = find();
        return held
          ? { deliveries: held.deliveries ?? [], etag: String(this.versions.get(held) ?? 0) }
          : this.stored.deliveryBook(tenantId, ref).load();
      },
      save: async (deliveries, etag) => {
        const held = find();
        if (!held) return this.stored.deliveryBook(tenantId, ref).save(deliveries, etag);
        const version = this.versions.get(held) ?? 0;
        if (String(version) !== etag) return { outcome: 'conflict' };
        held.deliveries = deliveries;
        this.versions.set(held, version + 1);
        return { outcome: 'applied', etag: String(version + 1) };
      },
    };
  }

  async dueDeliveries(now: number): Promise<Array<{ tenantId: string; ref: string }>> {
    const held = this.held
      .filter((c) => (c.deliveries ?? []).some((d) => isDue(d, now)))
      .map(({ tenantId, ref }) => ({ tenantId, ref }));
    try {
      return [...held, ...(await this.stored.dueDeliveries(now))];
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      return held;
    }
  }
}

function asConcern(concern: NewConcern): Concern {
  const { clientRequestId: _id, deliveries: _owed, ...rest } = concern;
  return { ...rest, entries: [] };
}

function isNewConcern(entry: unknown): entry is NewConcern {
  const c = entry as Partial<NewConcern> | null;
  return (
    typeof c?.tenantId === 'string' &&
    typeof c.ref === 'string' &&
    typeof c.clientRequestId === 'string' &&
    typeof c.raisedAt === 'number' &&
    typeof c.reporter?.aadObjectId === 'string' &&
    typeof c.details === 'object'
  );
}
