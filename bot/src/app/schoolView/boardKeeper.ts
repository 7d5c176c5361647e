/**
 * Keeps the school board up to date as lessons are written: after each stored version of a lesson
 * its board row is recomputed and, when it changed, written in the background (one write per
 * change, coalesced per lesson, never holding up the event that caused it). A failed write is
 * retried until it lands or a newer version replaces it; the board is a view, so nothing anyone was
 * told depends on it.
 */
import { LRUCache } from 'lru-cache';
import { CoalescingRunner } from '../delivery/coalescingRunner.js';
import { localDateAndTime } from '../concerns/time.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { LessonBook, Logger, MeetingKey } from '../ports.js';
import { boardEntryOf } from './boardEntry.js';
import type { SchoolBoardStore } from './ports.js';

/** Lessons whose last written row this process remembers; forgetting one costs one repeat write. */
const REMEMBERED = 5_000;
/** How long after a failed write it is tried again. */
export const BOARD_RETRY_MS = 15_000;

interface Written {
  day: string;
  json: string;
}

/** Dependencies of {@link BoardKeeper}. */
export interface BoardKeeperDeps {
  store: Pick<SchoolBoardStore, 'put' | 'remove'>;
  policyFor(tenantId: string): Policy;
  logger: Logger;
  retryMs?: number;
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

  /** Stops the retry timers (shutdown). */
  stop(): void {
    for (const timer of this.retries) clearTimeout(timer);
    this.retries.clear();
  }

  private async writeWaiting(id: string): Promise<void> {
    const next = this.waiting.get(id);
    if (!next) return;
    this.waiting.delete(id);
    const policy = this.deps.policyFor(next.key.tenantId);
    const entry = boardEntryOf(next.book, policy);
    if (!entry) return;
    const day = localDateAndTime(entry.startedAt ?? entry.scheduledStart ?? 0, policy.school.timeZone).date;
    const json = JSON.stringify(entry);
    const before = this.written.get(id);
    if (before && before.day === day && before.json === json) return;
    try {
      const outcome = await this.deps.store.put({ tenantId: next.key.tenantId, day, revision: next.revision, entry });
      if (before && before.day !== day) await this.deps.store.remove(next.key.tenantId, before.day, entry.meetingId);
      // A stale write changed nothing: the stored row is newer than what this process knows.
      if (outcome === 'written') this.written.set(id, { day, json });
      this.deps.onWritten?.(next.key.tenantId);
    } catch (error) {
      this.deps.logger.warn({ err: (error as Error).name }, 'Could not update the school view; will try again.');
      // Keep it unless a newer version has arrived meanwhile, and try again later.
      if (!this.waiting.has(id)) this.waiting.set(id, next);
      const timer = setTimeout(() => {
        this.retries.delete(timer);
        const retry = this.waiting.get(id);
        if (retry) this.lessonStored(retry.key, retry.book, retry.revision);
      }, this.deps.retryMs ?? BOARD_RETRY_MS);
      timer.unref?.();
      this.retries.add(timer);
    }
  }
}
