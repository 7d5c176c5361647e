/**
 * Flushing a lesson's outbox off the event's path. On the lesson path an event is recorded by merging
 * its own slot (snapshotWrites.ts); once the outbox holds OUTBOX_MAX_EVENTS, the whole lesson is written
 * and the events moved onto a page in one transaction started after that event's write rather
 * than as part of it, so the event that fills the outbox is answered as fast as any other. The
 * transaction is If-Match on the version just written: if the lesson's next event is written first,
 * the flush is dropped and a later event starts another (past OUTBOX_HARD_MAX_EVENTS the event's own
 * write flushes). A flush that lands is noted on the version it replaced, so this process's next write
 * goes on from the flushed version instead of meeting a conflict.
 */
import type { TableClient } from '@azure/data-tables';
import { errorFacts } from '../app/errorFacts.js';
import type { LessonBook, Logger, MeetingKey } from '../app/ports.js';
import { guarded, statusOf } from './errors.js';
import { flushTransaction } from './snapshotRow.js';
import { SnapshotVersion } from './snapshotVersion.js';

/** Background flushes of lesson outboxes, at most one per lesson at a time. */
export class BackgroundFlushes {
  private readonly running = new Map<string, Promise<void>>();

  constructor(
    private readonly table: TableClient,
    private readonly logger?: Logger,
  ) {}

  /** Starts flushing `version` (holding `book`) unless a flush of the lesson is already running. */
  start(partitionKey: string, key: MeetingKey, book: LessonBook, version: SnapshotVersion): void {
    if (this.running.has(partitionKey)) return;
    const run = this.flush(partitionKey, key, book, version).finally(() => this.running.delete(partitionKey));
    this.running.set(partitionKey, run);
  }

  /** Resolves when no flush is running. */
  async idle(): Promise<void> {
    while (this.running.size) await Promise.all([...this.running.values()]);
  }

  private async flush(
    partitionKey: string,
    key: MeetingKey,
    book: LessonBook,
    version: SnapshotVersion,
  ): Promise<void> {
    try {
      const flush = flushTransaction(partitionKey, key, book, version, version.outbox);
      const response = await guarded('flush meeting events', () => this.table.submitTransaction(flush.actions));
      const etag = response.subResponses[0]?.etag;
      if (etag) version.flushed(new SnapshotVersion(etag, flush.revision, [], flush.compact));
    } catch (error) {
      // Someone wrote the lesson first (412), or it is gone (404): its next full outbox flushes again.
      const status = statusOf(error);
      if (status === 412 || status === 404) return;
      // Nothing was reported done: the events are safe in the outbox, and the event's own write flushes at the cap.
      this.logger?.warn({ err: errorFacts(error) }, 'outbox flush deferred');
    }
  }
}
