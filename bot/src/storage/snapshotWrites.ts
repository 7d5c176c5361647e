/**
 * The writes of a lesson's snapshot row (DESIGN.md section 5). An event goes into the outbox on the
 * row in the same If-Match write that updates the snapshot (one single-entity write: on a compact row,
 * snapshotRow.ts, a merge of the event's slot and of an alert book that changed, not the lesson), and
 * when the outbox is full (snapshotOutbox.ts) it is flushed onto a page (eventPages.ts) by one
 * entity-group transaction.
 * Every write stores the revision of the version it replaces plus one. A write is atomic, a
 * concurrent writer gets a conflict instead of losing an update, and a duplicate of an event still in the
 * outbox changes nothing (one already flushed is for the app to find first: MeetingStore.hasEvent).
 */
import type { TableClient } from '@azure/data-tables';
import {
  storeNote,
  type CommitResult,
  type LessonBook,
  type Logger,
  type MeetingKey,
  type Replayable,
} from '../app/ports.js';
import { seenBefore } from '../domain/appliedEvents.js';
import type { MeetingEvent, MeetingState } from '../domain/types.js';
import { guarded, statusOf } from './errors.js';
import type { LessonRows } from './lessonRows.js';
import { BackgroundFlushes } from './backgroundFlush.js';
import { fitsInOutbox, OUTBOX_HARD_MAX_EVENTS, OUTBOX_MAX_EVENTS } from './snapshotOutbox.js';
import { appendedProps, bookProps, flushTransaction, rowChars, wholeRow, type ReadLesson } from './snapshotRow.js';
import { SnapshotVersion, type CompactParts } from './snapshotVersion.js';

/** One write of the snapshot row: which lesson, its new data, and the version it replaces. */
interface Target {
  partitionKey: string;
  key: MeetingKey;
  book: LessonBook;
  /** The version replaced; undefined when the row must not exist yet. */
  base: SnapshotVersion | undefined;
}

/** A write of a snapshot row's alert book and deliveries (deliveries left out stay as stored). */
interface BookTarget {
  partitionKey: string;
  book: Pick<LessonBook, 'alerts' | 'deliveries'>;
  /** The version replaced. */
  base: SnapshotVersion;
  /** The lesson as read at `base`: needed only when its row is from before the compact layout. */
  read?: { key: MeetingKey; state: MeetingState };
}

/** Writes lesson snapshot rows and the pages their outboxes flush into. */
export class SnapshotWrites {
  private readonly flushes: BackgroundFlushes;

  constructor(
    private readonly table: TableClient,
    private readonly rows: LessonRows,
    logger?: Logger,
  ) {
    this.flushes = new BackgroundFlushes(table, logger);
  }

  /**
   * Records `event` in the outbox of the row that replaces `target.base`, flushing the outbox when
   * full. A `replayable` event over a compact row is merged into its slot and nothing else of the
   * lesson is written but an alert book or deliveries that changed; otherwise the row is written whole.
   */
  async event(target: Target, event: MeetingEvent, replayable: Replayable | undefined): Promise<CommitResult> {
    const base = target.base;
    if (base?.outbox.some((e) => e.id === event.id)) return { outcome: 'duplicate' };
    const revision = (base?.revision ?? 0) + 1;
    const outbox = [...(base?.outbox ?? []), event];
    if (replayable && base?.compact) {
      const address = base.compact.hasAddress ? undefined : replayable.address;
      const entry = address ? { event, address } : { event };
      const merge = appendedProps(target.partitionKey, base.compact, base.outbox.length, entry, target.book, revision);
      if (this.fits(outbox, merge.compact, OUTBOX_HARD_MAX_EVENTS)) {
        const result = await this.append(target, event, revision, outbox, merge.compact, () =>
          this.table.updateEntity(merge.props, 'Merge', { etag: base.etag }),
        );
        const written = result.outcome === 'applied' ? result[storeNote] : undefined;
        if (written instanceof SnapshotVersion && outbox.length >= OUTBOX_MAX_EVENTS) {
          this.flushes.start(target.partitionKey, target.key, target.book, written);
        }
        return result;
      }
    }
    const whole = wholeRow(target.partitionKey, target.key, target.book, outbox, revision);
    if (!this.fits(outbox, whole.compact)) return this.flush(target, event, outbox);
    return this.append(target, event, revision, outbox, whole.compact, () =>
      base === undefined
        ? this.table.createEntity(whole.row)
        : this.table.updateEntity(whole.row, 'Replace', { etag: base.etag }),
    );
  }

  /**
   * Stores the row's alert book and deliveries, keeping its state and outbox; undefined when `base` is
   * no longer the stored version.
   */
  async book(target: BookTarget): Promise<SnapshotVersion | undefined> {
    const { base } = target;
    const revision = base.revision + 1;
    const write = base.compact
      ? bookProps(target.partitionKey, base.compact, target.book, revision)
      : this.wholeBook(target, revision);
    const row = 'props' in write ? write.props : write.row;
    try {
      const response = await guarded('save alerts and deliveries', () =>
        this.table.updateEntity(row, base.compact ? 'Merge' : 'Replace', { etag: base.etag }),
      );
      return this.written(target.partitionKey, response.etag, revision, base.outbox, write.compact);
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return undefined;
      throw error;
    }
  }

  /** A row from before the compact layout is written whole (its state holds every outbox event), from the row read. */
  private wholeBook(target: BookTarget, revision: number): ReturnType<typeof wholeRow> {
    if (!target.read) throw new Error('A lesson row from before the compact layout is rewritten whole: read it first.');
    const { key, state } = target.read;
    const book = { state, alerts: target.book.alerts, deliveries: target.book.deliveries ?? [] };
    return wholeRow(target.partitionKey, key, book, [...target.base.outbox], revision);
  }

  /**
   * After a lost race: a duplicate if the winner recorded this very event, in its outbox or flushed;
   * otherwise a conflict, nothing is written, and the caller retries on the lesson as read here
   * (`current`). An event newer than all the lesson has applied cannot have been flushed, so that
   * second read is skipped. `read` is the row when the caller has just read it (null: there is none);
   * left out, it is read here.
   */
  async settle(partitionKey: string, event: MeetingEvent, read?: ReadLesson | null): Promise<CommitResult> {
    const lesson = read === undefined ? await this.rows.snapshot(partitionKey) : read;
    if (lesson?.version.outbox.some((e) => e.id === event.id)) return { outcome: 'duplicate' };
    const conflict: CommitResult = lesson
      ? { outcome: 'conflict', current: { ...lesson.book, ...lesson.version.stored() } }
      : { outcome: 'conflict' };
    if (lesson && seenBefore(lesson.book.state, event) === 'new') return conflict;
    return (await this.rows.isFlushed(partitionKey, event.id)) ? { outcome: 'duplicate' } : conflict;
  }

  /** One single-entity write (`request`) of the row with `event` appended to its outbox. */
  private async append(
    target: Target,
    event: MeetingEvent,
    revision: number,
    outbox: MeetingEvent[],
    compact: CompactParts,
    request: () => Promise<{ etag?: string }>,
  ): Promise<CommitResult> {
    try {
      const response = await guarded('apply meeting event', request);
      const version = await this.written(target.partitionKey, response.etag, revision, outbox, compact);
      return { outcome: 'applied', ...version.stored() };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return this.settle(target.partitionKey, event);
      throw error;
    }
  }

  /** Whether a row holding `outbox` and `compact`'s lesson parts may keep that outbox rather than flush it. */
  private fits(outbox: readonly MeetingEvent[], compact: CompactParts, maxEvents = OUTBOX_MAX_EVENTS): boolean {
    return fitsInOutbox(outbox.length, compact.entryChars, rowChars(compact) - compact.entryChars, maxEvents);
  }

  /**
   * One transaction: the whole lesson with an empty outbox, and the outbox events on a page. A 409 means
   * the snapshot was created meanwhile (or, rarely, a page of a lesson record being deleted is still
   * there): settled like any lost race.
   */
  private async flush(target: Target, event: MeetingEvent, outbox: MeetingEvent[]): Promise<CommitResult> {
    const flush = flushTransaction(target.partitionKey, target.key, target.book, target.base, outbox);
    try {
      const response = await guarded('flush meeting events', () => this.table.submitTransaction(flush.actions));
      const etag = response.subResponses[0]?.etag;
      const version = await this.written(target.partitionKey, etag, flush.revision, [], flush.compact);
      return { outcome: 'applied', ...version.stored() };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return this.settle(target.partitionKey, event);
      throw error;
    }
  }

  /** The version just written. The service returns its ETag; the row is re-read only if it ever did not. */
  private async written(
    partitionKey: string,
    etag: string | undefined,
    revision: number,
    outbox: readonly MeetingEvent[],
    compact: CompactParts,
  ): Promise<SnapshotVersion> {
    if (etag) return new SnapshotVersion(etag, revision, outbox, compact);
    return (await this.rows.snapshot(partitionKey))?.version ?? new SnapshotVersion('', revision, outbox);
  }
}
