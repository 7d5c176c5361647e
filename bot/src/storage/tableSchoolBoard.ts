/**
 * `SchoolBoardStore` on Azure Table Storage, in the `meetings` table: partition
 * `board!<tenant>!<YYYY-MM-DD>` (one per school and day), RowKey the meeting id, so the school view
 * reads a whole day with one keyed query. Each row carries the lesson revision it was computed from;
 * a write replaces a row only when its revision is newer (If-Match on the row it compared with), so
 * two instances writing in either order leave the newest.
 */
import { odata, type TableClient } from '@azure/data-tables';
import { LRUCache } from 'lru-cache';
import type { BoardEntry } from '../app/schoolView/boardEntry.js';
import type { BoardRow, SchoolBoardStore } from '../app/schoolView/ports.js';
import { allListed, guarded, statusOf } from './errors.js';
import { joinKey, splitKey } from './keys.js';
import { fromChunks, toChunks } from './properties.js';
import { tenantsWithPartitions } from './tenantPartitions.js';

/** Compare-and-write rounds before a write gives up (each lost round means another writer got in first). */
const MAX_ROUNDS = 5;
/** Rows whose ETag this process remembers; forgetting one costs one read on its next write. */
const REMEMBERED = 5_000;

interface Held {
  etag: string;
  revision: number;
}

function boardPartition(tenantId: string, day: string): string {
  return joinKey(['board', tenantId, day]);
}

/** The school board in the `meetings` table. */
export class TableSchoolBoard implements SchoolBoardStore {
  private readonly held = new LRUCache<string, Held>({ max: REMEMBERED });

  constructor(private readonly table: TableClient) {}

  async put(row: BoardRow): Promise<'written' | 'stale'> {
    const partitionKey = boardPartition(row.tenantId, row.day);
    const rowKey = joinKey([row.entry.meetingId]);
    const id = `${partitionKey}/${rowKey}`;
    const entity = { partitionKey, rowKey, revision: row.revision, ...toChunks('entry', JSON.stringify(row.entry)) };
    let current: Held | undefined = this.held.get(id);
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      if (current && current.revision >= row.revision) return 'stale';
      try {
        const response = await guarded('update school view', () =>
          current
            ? this.table.updateEntity(entity, 'Replace', { etag: current.etag })
            : this.table.createEntity(entity),
        );
        this.held.set(id, { etag: response.etag ?? '', revision: row.revision });
        return 'written';
      } catch (error) {
        const status = statusOf(error);
        if (status !== 409 && status !== 412 && status !== 404) throw error;
        current = await this.read(partitionKey, rowKey);
        if (current) this.held.set(id, current);
        else this.held.delete(id);
      }
    }
    throw new Error('The school view row kept changing under this write; it will be tried again.');
  }

  async remove(tenantId: string, day: string, meetingId: string): Promise<void> {
    const partitionKey = boardPartition(tenantId, day);
    const rowKey = joinKey([meetingId]);
    this.held.delete(`${partitionKey}/${rowKey}`);
    try {
      await guarded('tidy school view', () => this.table.deleteEntity(partitionKey, rowKey));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  async expireBefore(tenantId: string, day: string): Promise<number> {
    // Days sort as text, so the school's older days are one key range of partitions.
    const from = boardPartition(tenantId, '');
    const filter = odata`PartitionKey ge ${from} and PartitionKey lt ${boardPartition(tenantId, day)}`;
    const rows = this.table.listEntities({ queryOptions: { filter, select: ['partitionKey', 'rowKey'] } });
    let removed = 0;
    for await (const row of rows) {
      await guarded('expire school view', () => this.table.deleteEntity(row.partitionKey!, row.rowKey!));
      this.held.delete(`${row.partitionKey}/${row.rowKey}`);
      removed += 1;
    }
    return removed;
  }

  schools(): AsyncGenerator<string> {
    return tenantsWithPartitions(this.table, 'board');
  }

  async day(tenantId: string, day: string): Promise<BoardEntry[]> {
    const rows = await this.query(odata`PartitionKey eq ${boardPartition(tenantId, day)}`);
    return rows.map((row) => row.entry);
  }

  async days(tenantId: string, from: string, to: string): Promise<Array<Pick<BoardRow, 'day' | 'entry'>>> {
    // `~` sorts after every character a key holds, so the range ends after the last day's partition.
    const filter = odata`PartitionKey ge ${boardPartition(tenantId, from)} and PartitionKey lt ${`${boardPartition(tenantId, to)}~`}`;
    return this.query(filter);
  }

  private async query(filter: string): Promise<Array<Pick<BoardRow, 'day' | 'entry'>>> {
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage();
    return (await allListed(pages, 'read school view')).map((entity) => ({
      day: splitKey(String(entity.partitionKey)).at(-1) ?? '',
      entry: JSON.parse(fromChunks('entry', entity)) as BoardEntry,
    }));
  }

  private async read(partitionKey: string, rowKey: string): Promise<Held | undefined> {
    try {
      const entity = await guarded('read school view row', () =>
        this.table.getEntity<{ revision?: number }>(partitionKey, rowKey, { queryOptions: { select: ['revision'] } }),
      );
      return { etag: entity.etag, revision: entity.revision ?? 0 };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
