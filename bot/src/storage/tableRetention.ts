/**
 * `RetentionStore` on the `meetings` table. Old lessons are found through the per-school lesson
 * index (meetingIndex.ts), never by scanning partitions. A lesson is deleted a partition at a time
 * in entity-group transactions of at most 100 rows, the snapshot in the first one so readers stop
 * seeing the lesson at once, and the partition is listed again until it is empty.
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { MeetingKey } from '../app/ports.js';
import type { IndexedLesson, RetentionStore } from '../app/retention/ports.js';
import { allListed, guarded, statusOf } from './errors.js';
import { MeetingIndex } from './meetingIndex.js';
import { meetingPartition, STATE_ROW } from './meetingRows.js';

/** The most operations one entity-group transaction may hold. */
const MAX_BATCH = 100;
/** Listings of a partition before giving up on a lesson that keeps gaining rows (the next pass retries). */
const MAX_ROUNDS = 5;

/** Finds and deletes lesson records in the `meetings` table. */
export class TableRetentionStore implements RetentionStore {
  private readonly index: MeetingIndex;

  /** @param table the `meetings` table client. */
  constructor(private readonly table: TableClient) {
    this.index = new MeetingIndex(table);
  }

  tenants(): AsyncIterable<string> {
    return this.index.tenants();
  }

  startedBefore(tenantId: string, cutoff: number): AsyncIterable<IndexedLesson> {
    return this.index.startedBefore(tenantId, cutoff);
  }

  reindex(key: MeetingKey, startedAt: number): Promise<void> {
    return this.index.put(key, startedAt);
  }

  unindex(tenantId: string, lesson: IndexedLesson): Promise<boolean> {
    return this.index.remove(tenantId, lesson);
  }

  async deleteLesson(key: MeetingKey): Promise<number> {
    const partitionKey = meetingPartition(key);
    let deleted = 0;
    for (let round = 0; round < MAX_ROUNDS; round++) {
      const rowKeys = await this.rowKeys(partitionKey);
      if (rowKeys.length === 0) return deleted;
      deleted += await this.deleteRows(partitionKey, rowKeys);
    }
    throw new Error(
      'A lesson record kept gaining rows while it was being deleted; the next retention pass tries again.',
    );
  }

  /** The partition's RowKeys, the snapshot's first. */
  private async rowKeys(partitionKey: string): Promise<string[]> {
    const pages = this.table
      .listEntities({ queryOptions: { filter: odata`PartitionKey eq ${partitionKey}`, select: ['rowKey'] } })
      .byPage();
    const rows = await allListed(pages, 'list lesson rows');
    const keys = rows.flatMap((row) => (row.rowKey === undefined ? [] : [row.rowKey]));
    return [...keys.filter((k) => k === STATE_ROW), ...keys.filter((k) => k !== STATE_ROW)];
  }

  /**
   * Deletes the rows a batch at a time; returns how many it deleted. A row already gone (another
   * instance's pass got there first) fails its whole batch with 404: the caller lists again.
   */
  private async deleteRows(partitionKey: string, rowKeys: string[]): Promise<number> {
    let deleted = 0;
    for (let start = 0; start < rowKeys.length; start += MAX_BATCH) {
      const batch = rowKeys.slice(start, start + MAX_BATCH);
      const actions = batch.map((rowKey): TransactionAction => ['delete', { partitionKey, rowKey }]);
      try {
        await guarded('delete lesson rows', () => this.table.submitTransaction(actions));
      } catch (error) {
        if (statusOf(error) === 404) return deleted;
        throw error;
      }
      deleted += batch.length;
    }
    return deleted;
  }
}
