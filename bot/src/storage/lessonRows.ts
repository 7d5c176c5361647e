/**
 * Reads of one lesson's partition in the `meetings` table: its snapshot row (with the version it
 * is at), whether an event was flushed out of its outbox, and every flushed event (pages, and the
 * one-per-event rows written before pages). No caching: what a version holds travels on the record
 * the store returns (snapshotVersion.ts).
 */
import { odata, type TableClient } from '@azure/data-tables';
import { allListed, guarded, statusOf } from './errors.js';
import { FLUSHED_END, FLUSHED_START, isPage, PAGE_IDS, pageHolds, parsePage } from './eventPages.js';
import { eventRowKey, parseEventRow, STATE_ROW, type FlushedEvent } from './meetingRows.js';
import { readSnapshotRow, type ReadLesson } from './snapshotRow.js';

/** Single-row and listing reads of lesson partitions. */
export class LessonRows {
  constructor(private readonly table: TableClient) {}

  /** The lesson as its snapshot row holds it, and the row's version; undefined when the lesson has none. */
  async snapshot(partitionKey: string): Promise<ReadLesson | undefined> {
    try {
      const entity = await guarded('load lesson', () =>
        this.table.getEntity<Record<string, unknown>>(partitionKey, STATE_ROW),
      );
      return readSnapshotRow(entity);
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  /**
   * Whether the event was flushed out of the outbox: on a page, or in a row of its own from before pages. One query
   * over the flushed range that brings back only keys and pages' id lists.
   */
  async isFlushed(partitionKey: string, eventId: string): Promise<boolean> {
    const ownRow = eventRowKey(eventId);
    const rows = this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: flushedRange(partitionKey), select: ['rowKey', PAGE_IDS] },
    });
    const listed = await allListed(rows.byPage(), 'check event');
    return listed.some((row) => (isPage(row.rowKey ?? '') ? pageHolds(row, eventId) : row.rowKey === ownRow));
  }

  /** Every flushed event of the lesson, as stored (unordered; inAppliedOrder orders them). */
  async flushedEvents(partitionKey: string): Promise<FlushedEvent[]> {
    const rows = this.table.listEntities<Record<string, unknown>>({
      queryOptions: { filter: flushedRange(partitionKey) },
    });
    const listed = await allListed(rows.byPage(), 'list meeting events');
    return listed.flatMap((row) => (isPage(row.rowKey ?? '') ? parsePage(row) : [parseEventRow(row)]));
  }
}

/** The query for a lesson's flushed events: pages, and the rows of one event each from before pages. */
function flushedRange(partitionKey: string): string {
  return odata`PartitionKey eq ${partitionKey} and RowKey ge ${FLUSHED_START} and RowKey lt ${FLUSHED_END}`;
}
