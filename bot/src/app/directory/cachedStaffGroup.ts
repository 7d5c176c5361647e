/**
 * The staff group as the participant directory sees it: answers remembered in memory and in the
 * `directoryCache` table for a TTL, lookups that arrive together (a class joining at once) asked in
 * one round, and a Graph failure answered from stored answers (even expired ones) or `unknown`,
 * never `staff` on a guess. The health it reports says when answers are not current.
 */
import { errorFacts } from '../errorFacts.js';
import type { Logger } from '../ports.js';
import type {
  StaffAnswer,
  StaffAnswerStore,
  StaffDetection,
  StaffGroupCheck,
  StaffGroupMembership,
  StoredStaffAnswer,
} from './staffGroup.js';

/** Options for {@link CachedStaffGroup}. */
export interface CachedStaffGroupOptions {
  membership: StaffGroupMembership;
  /** Shared with other instances; optional so the check still works without storage. */
  store?: StaffAnswerStore;
  /** How long an answer is used before the directory is asked again (`STAFF_GROUP_CACHE_MINUTES`). */
  ttlMs: number;
  now(): number;
  logger?: Pick<Logger, 'info' | 'warn'>;
  /** After a failure, answer from stored answers for this long before asking the directory again. Default 30 s. */
  pauseAfterFailureMs?: number;
  /** Most answers kept in memory. Default 10,000. */
  maxRemembered?: number;
}

type Waiters = Map<string, Array<(answer: StaffAnswer) => void>>;

/** {@link StaffGroupCheck} over a {@link StaffGroupMembership}, with caching, coalescing and fallback. */
export class CachedStaffGroup implements StaffGroupCheck {
  private readonly memory = new Map<string, StoredStaffAnswer>();
  private queued = new Map<string, Waiters>();
  private draining = false;
  private state: StaffDetection = 'ok';
  private pausedUntil = 0;

  constructor(private readonly options: CachedStaffGroupOptions) {}

  lookup(tenantId: string, aadObjectId: string): Promise<StaffAnswer> {
    const remembered = this.memory.get(memoryKey(tenantId, aadObjectId));
    if (remembered && this.isFresh(remembered)) return Promise.resolve(answerOf(remembered));
    return new Promise((resolve) => {
      const waiters = this.queued.get(tenantId) ?? new Map<string, Array<(answer: StaffAnswer) => void>>();
      this.queued.set(tenantId, waiters);
      waiters.set(aadObjectId, [...(waiters.get(aadObjectId) ?? []), resolve]);
      if (!this.draining) {
        this.draining = true;
        // Lookups made in the same turn, and any made while a round is out, go in one round.
        setImmediate(() => void this.drain());
      }
    });
  }

  health(): { staffDetection: StaffDetection } {
    return { staffDetection: this.state };
  }

  private async drain(): Promise<void> {
    while (this.queued.size > 0) {
      const round = this.queued;
      this.queued = new Map();
      await Promise.all([...round].map(([tenantId, waiters]) => this.answerRound(tenantId, waiters)));
    }
    this.draining = false;
  }

  private async answerRound(tenantId: string, waiters: Waiters): Promise<void> {
    const answers = new Map<string, StaffAnswer>();
    try {
      const wanted = [...waiters.keys()];
      const known = await this.known(tenantId, wanted);
      const toAsk = wanted.filter((id) => {
        const entry = known.get(id);
        if (entry && this.isFresh(entry)) answers.set(id, answerOf(entry));
        return !answers.has(id);
      });
      if (toAsk.length > 0) {
        const asked = await this.ask(tenantId, toAsk);
        for (const id of toAsk) {
          const fallback = known.get(id);
          answers.set(id, asked.get(id) ?? (fallback ? answerOf(fallback) : 'unknown'));
        }
      }
    } catch (error) {
      this.degrade(asError(error));
    } finally {
      for (const [id, resolvers] of waiters) for (const resolve of resolvers) resolve(answers.get(id) ?? 'unknown');
    }
  }

  /** What memory and the store hold for these people, the newer of the two for each. */
  private async known(tenantId: string, ids: string[]): Promise<Map<string, StoredStaffAnswer>> {
    const known = new Map<string, StoredStaffAnswer>();
    for (const id of ids) {
      const remembered = this.memory.get(memoryKey(tenantId, id));
      if (remembered) known.set(id, remembered);
    }
    const missing = ids.filter((id) => !known.has(id) || !this.isFresh(known.get(id)!));
    if (missing.length === 0 || !this.options.store) return known;
    const stored = await this.options.store.get(tenantId, missing).catch((error: unknown) => {
      this.options.logger?.warn({ err: errorFacts(error) }, 'staff group cache could not be read');
      return new Map<string, StoredStaffAnswer>();
    });
    for (const [id, entry] of stored) {
      const current = known.get(id);
      if (!current || entry.checkedAt > current.checkedAt) known.set(id, entry);
      if (this.isFresh(entry)) this.remember(tenantId, id, entry);
    }
    return known;
  }

  /** Asks the directory; remembers and stores what it said; degrades (and pauses) on failure. */
  private async ask(tenantId: string, ids: string[]): Promise<Map<string, StaffAnswer>> {
    if (this.options.now() < this.pausedUntil) return new Map();
    let answers = new Map<string, boolean>();
    let failure: Error | undefined;
    try {
      ({ answers, failure } = await this.options.membership.check(tenantId, ids));
    } catch (error) {
      failure = asError(error);
    }
    const checkedAt = this.options.now();
    const fresh = new Map([...answers].map(([id, staff]) => [id, { staff, checkedAt }]));
    for (const [id, entry] of fresh) this.remember(tenantId, id, entry);
    if (fresh.size > 0 && this.options.store) {
      await this.options.store.put(tenantId, fresh).catch((error: unknown) => {
        this.options.logger?.warn({ err: errorFacts(error) }, 'staff group cache could not be written');
      });
    }
    if (failure) this.degrade(failure);
    else this.recover();
    return new Map([...fresh].map(([id, entry]) => [id, answerOf(entry)]));
  }

  private degrade(failure: Error): void {
    this.pausedUntil = this.options.now() + (this.options.pauseAfterFailureMs ?? 30_000);
    const next: StaffDetection = `degraded: ${failure.message}`;
    if (next !== this.state) {
      this.options.logger?.warn(
        { reason: failure.message },
        'staff detection degraded: using stored answers, the staff file and the organizer rule',
      );
    }
    this.state = next;
  }

  private recover(): void {
    if (this.state !== 'ok') this.options.logger?.info({}, 'staff detection recovered');
    this.state = 'ok';
  }

  private remember(tenantId: string, id: string, entry: StoredStaffAnswer): void {
    const key = memoryKey(tenantId, id);
    this.memory.delete(key);
    this.memory.set(key, entry);
    if (this.memory.size > (this.options.maxRemembered ?? 10_000)) this.memory.delete(this.memory.keys().next().value!);
  }

  private isFresh(entry: StoredStaffAnswer): boolean {
    return this.options.now() - entry.checkedAt < this.options.ttlMs;
  }
}

function memoryKey(tenantId: string, id: string): string {
  return `${tenantId}\n${id}`;
}

function answerOf(entry: StoredStaffAnswer): StaffAnswer {
  return entry.staff ? 'staff' : 'notStaff';
}

function asError(error: unknown): Error {
  return error instanceof Error ? error : new Error(String(error));
}
