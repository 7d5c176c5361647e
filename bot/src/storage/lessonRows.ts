/**
 * Reads of one lesson's partition in the `meetings` table: its snapshot row (with the version it
 * is at), whether an event has its own row, and every event row. No caching: what a version holds
 * travels on the record the store returns (snapshotVersion.ts).
 */
import { odata, type TableClient } from '@azure/data-tables';
import { guarded, statusOf } from './errors.js';
import { EVENT_ROW_PREFIX, EVENT_ROWS_END, eventRowKey, parseEventRow, STATE_ROW } from './meetingRows.js';
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

  /** Whether the event has a row of its own (it was flushed out of an outbox). */
  async hasEventRow(partitionKey: string, eventId: string): Promise<boolean> {
    try {
      await guarded('check event', () =>
        this.table.getEntity(partitionKey, eventRowKey(eventId), { queryOptions: { select: ['kind'] } }),
      );
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  /** Every event row of the lesson, as stored (unordered). */
  async eventRows(partitionKey: string): Promise<Array<ReturnType<typeof parseEventRow>>> {
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${EVENT_ROW_PREFIX} and RowKey lt ${EVENT_ROWS_END}`;
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage();
    const rows: Array<ReturnType<typeof parseEventRow>> = [];
    while (true) {
      const page = await guarded('list meeting events', () => pages.next());
      if (page.done) break;
      for (const entity of page.value) rows.push(parseEventRow(entity));
    }
    return rows;
  }
}
