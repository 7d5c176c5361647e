/**
 * Keeps the school board up to date as lessons are written: after each stored version of a lesson
 * its board row is recomputed and, when it changed, written in the background (one write per
 * change, coalesced per lesson, never holding up the event that caused it). A failed write is
 * retried until it lands or a newer version replaces it; the board is a view, so nothing anyone was
 * told depends on it.
 */
import { LRUCache } from 'lru-cache';
import { CoalescingRunner } from '../delivery/coalescingRunner.js';
import { errorFacts } from '../errorFacts.js';
import { localDateAndTime } from '../time.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { LessonBook, Logger, MeetingKey } from '../ports.js';
import { boardHeadOf, type BoardEntry } from './boardEntry.js';
import { lessonFactsOf } from './lessonFacts.js';
import type { SchoolBoardStore } from './ports.js';

/** Lessons whose last written row this process remembers; forgetting one costs one repeat write. */
const REMEMBERED = 5_000;
/** How long after a failed write it is tried again. */
export const BOARD_RETRY_MS = 15_000;
/**
 * A change of head counts alone (people joining and leaving) is written at most this often per
 * lesson; anything the safeguarding team acts on (pupils with no adult, an alert, the worst finding,
 * the start or end) is written at once.
 */
export const COUNTS_EVERY_MS = 5_000;

interface Written {
  day: string;
  /** The start the day was worked out from (so it is worked out again only when that changes). */
  dayOf: number;
  /** The entry without what may wait: counts and facts. */
  urgent: string;
  /** What may wait. */
  counts: string;
  at: number;
}

/** Dependencies of {@link BoardKeeper}. */
export interface BoardKeeperDeps {
  store: Pick<SchoolBoardStore, 'put' | 'remove'>;
  policyFor(tenantId: string): Policy;
  logger: Logger;
  retryMs?: number;
  /** See {@link COUNTS_EVERY_MS}. */
  countsEveryMs?: number;
  /** The clock for {@link COUNTS_EVERY_MS} (default `Date.now`). */
  now?: () => number;
  /** Told after each row written (the board reader forgets that school's cached board). */
  onWritten?(tenantId: string): void;
}

/** Writes each lesson's board row after the lesson is stored. */
export class BoardKeeper {
  private readonly runner = new CoalescingRunner();
  private readonly waiting = new Map<string, { key: MeetingKey; book: LessonBook; revision: number }>();
  private readonly written = new LRUCache<string, Written>({ max: REMEMBERED });
  private readonly runs = new Set<Promise<void>>();
  private readonly retries = new Set<ReturnType<typeof setTimeout>>();
  /** Lessons whose count-only change waits for its turn. */
  private readonly deferred = new Set<string>();

  constructor(private readonly deps: BoardKeeperDeps) {}

  /** Called once a version of the lesson is stored; returns at once (the write runs in the background). */
  lessonStored(key: MeetingKey, book: LessonBook, revision: number): void {
    const id = `${key.tenantId}/${key.meetingId}`;
    const held = this.waiting.get(id);
    if (held && held.revision > revision) return;
    this.waiting.set(id, { key, book, revision });
    const run = this.runner.run(id, () => this.writeWaiting(id));
    this.runs.add(run);
    void run.finally(() => this.runs.delete(run));
  }

  /** Resolves when no write is running (tests and shutdown); retries due later are not waited for. */
  async idle(): Promise<void> {
    while (this.runs.size) await Promise.all([...this.runs]);
  }

  /** Stops the timers of retries and waiting counts (shutdown). */
  stop(): void {
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
    this.deferred.clear();
  }

  private async writeWaiting(id: string): Promise<void> {
    const next = this.waiting.get(id);
    if (!next) return;
    this.waiting.delete(id);
    const policy = this.deps.policyFor(next.key.tenantId);
    const head = boardHeadOf(next.book, policy);
    if (!head) return;
    const before = this.written.get(id);
    const dayOf = head.startedAt ?? head.scheduledStart ?? 0;
    const day = before?.dayOf === dayOf ? before.day : localDateAndTime(dayOf, policy.school.timeZone).date;
    const { staffIn, pupilsIn, ...rest } = head;
    const urgent = JSON.stringify(rest);
    const now = (this.deps.now ?? Date.now)();
    const every = this.deps.countsEveryMs ?? COUNTS_EVERY_MS;
    // Soon after the last write, a version that changes nothing urgent waits for its turn without the counts and
    // facts being worked out: the lesson's newest version is worked out then, once.
    if (before && before.day === day && before.urgent === urgent && now - before.at < every) {
      this.waiting.set(id, next);
      this.later(id, before.at + every - now, this.deferred);
      return;
    }
    const entry: BoardEntry = { ...head, facts: lessonFactsOf(next.book, policy) };
    const counts = JSON.stringify({ staffIn, pupilsIn, facts: entry.facts });
    if (before && before.day === day && before.urgent === urgent && before.counts === counts) return;
    try {
      const outcome = await this.deps.store.put({ tenantId: next.key.tenantId, day, revision: next.revision, entry });
      if (before && before.day !== day) await this.deps.store.remove(next.key.tenantId, before.day, entry.meetingId);
      // A stale write changed nothing: the stored row is newer than what this process knows.
      if (outcome === 'written') this.written.set(id, { day, dayOf, urgent, counts, at: now });
      this.deps.onWritten?.(next.key.tenantId);
    } catch (error) {
      this.deps.logger.warn({ err: errorFacts(error) }, 'Could not update the school view; will try again.');
      // Keep it unless a newer version has arrived meanwhile, and try again later.
      if (!this.waiting.has(id)) this.waiting.set(id, next);
      this.later(id, this.deps.retryMs ?? BOARD_RETRY_MS);
    }
  }

  /** Writes what is waiting for the lesson after `ms` (once per lesson while `pending` holds it). */
  private later(id: string, ms: number, pending?: Set<string>): void {
    if (pending?.has(id)) return;
    pending?.add(id);
    const timer = setTimeout(() => {
      this.retries.delete(timer);
      pending?.delete(id);
      const waiting = this.waiting.get(id);
      if (waiting) this.lessonStored(waiting.key, waiting.book, waiting.revision);
    }, ms);
    timer.unref?.();
    this.retries.add(timer);
  }
}
