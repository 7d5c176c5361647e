/**
 * Reads of one lesson's partition in the `meetings` table: its snapshot row (with the version it
 * is at), whether an event was flushed out of its outbox, and every flushed event (pages, and the
 * one-per-event rows written before pages). No caching: what a version holds travels on the record
 * the store returns (snapshotVersion.ts).
 */
import { odata, type TableClient } from '@azure/data-tables';
import { guarded, statusOf } from './errors.js';
import {
  FLUSHED_END,
  FLUSHED_START,
  isPage,
  PAGE_IDS,
  PAGE_PREFIX,
  pageHolds,
  PAGES_END,
  parsePage,
} from './eventPages.js';
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

  /** Whether the event was flushed out of the outbox: on a page, or in a row of its own from before pages. */
  async isFlushed(partitionKey: string, eventId: string): Promise<boolean> {
    const [own, paged] = await Promise.all([this.hasOwnRow(partitionKey, eventId), this.onPage(partitionKey, eventId)]);
    return own || paged;
  }

  private async hasOwnRow(partitionKey: string, eventId: string): Promise<boolean> {
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

  private async onPage(partitionKey: string, eventId: string): Promise<boolean> {
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${PAGE_PREFIX} and RowKey lt ${PAGES_END}`;
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter, select: [PAGE_IDS] } });
    for (const page of await this.listed(pages.byPage(), 'check event')) if (pageHolds(page, eventId)) return true;
    return false;
  }

  /** Every flushed event of the lesson, as stored (unordered; inAppliedOrder orders them). */
  async flushedEvents(partitionKey: string): Promise<FlushedEvent[]> {
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${FLUSHED_START} and RowKey lt ${FLUSHED_END}`;
    const rows = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } });
    const listed = await this.listed(rows.byPage(), 'list meeting events');
    return listed.flatMap((row) => (isPage(row.rowKey ?? '') ? parsePage(row) : [parseEventRow(row)]));
  }

  /** Every entity of a listing, each page of it read under `what` (the name an outage is reported by). */
  private async listed<T>(pages: AsyncIterator<T[]>, what: string): Promise<T[]> {
    const all: T[] = [];
    while (true) {
      const page = await guarded(what, () => pages.next());
      if (page.done) return all;
      all.push(...page.value);
    }
  }
}
