/**
 * A small per-tenant index of lessons, newest first, so `register last` never scans meetings.
 * Partition `idx!<tenant>`; RowKey = reversed start time + meeting id, so ascending RowKey order
 * is newest first. Written after the lesson's own commit (another partition, so not in its batch);
 * the write is an idempotent upsert, repeated until it succeeds once per process. The retention
 * sweep reads the oldest rows from here and removes them with the lesson.
 */
import { odata, type TableClient } from '@azure/data-tables';
import { errorFacts } from '../app/errorFacts.js';
import type { Logger, MeetingKey } from '../app/ports.js';
import { guarded, statusOf } from './errors.js';
import { joinKey } from './keys.js';
import { tenantsWithPartitions } from './tenantPartitions.js';
import { timeValue } from './properties.js';

/** Later than any Date, so `LATEST - startedAt` is never negative. */
const LATEST = 8_640_000_000_000_000;
/** Bounds the per-process memory of rows already written; forgetting only costs a repeat upsert. */
const MAX_REMEMBERED = 10_000;

function indexPartition(tenantId: string): string {
  return joinKey(['idx', tenantId]);
}

/** The reversed start time that leads a RowKey: 16 digits, so text order is time order, newest first. */
function reversedTime(startedAt: number): string {
  return String(LATEST - startedAt).padStart(16, '0');
}

function indexRowKey(meetingId: string, startedAt: number): string {
  return joinKey([reversedTime(startedAt), meetingId]);
}

/** One indexed lesson. */
export interface IndexedMeeting {
  meetingId: string;
  startedAt: number;
}

/** Reads and writes the lesson index of each tenant. */
export class MeetingIndex {
  private readonly written = new Set<string>();

  constructor(
    private readonly table: TableClient,
    private readonly logger?: Logger,
  ) {}

  /** Indexes a lesson once it has a start time; never throws (a failed write is retried next event). */
  async record(key: MeetingKey, startedAt: number | undefined): Promise<void> {
    if (startedAt === undefined) return;
    const marker = `${indexPartition(key.tenantId)}/${indexRowKey(key.meetingId, startedAt)}`;
    if (this.written.has(marker)) return;
    try {
      await this.put(key, startedAt);
      if (this.written.size >= MAX_REMEMBERED) this.written.clear();
      this.written.add(marker);
    } catch (error) {
      this.logger?.warn({ err: errorFacts(error) }, 'Could not index a lesson; will retry on its next event.');
    }
  }

  /** The tenant's indexed lessons, newest first, paging lazily. */
  async *newestFirst(tenantId: string): AsyncGenerator<IndexedMeeting> {
    yield* this.query(odata`PartitionKey eq ${indexPartition(tenantId)}`);
  }

  /** Indexes a lesson at `startedAt` (an idempotent upsert); throws when storage fails. */
  async put(key: MeetingKey, startedAt: number): Promise<void> {
    const partitionKey = indexPartition(key.tenantId);
    const rowKey = indexRowKey(key.meetingId, startedAt);
    const row = { partitionKey, rowKey, meetingId: key.meetingId, startedAt: timeValue(startedAt) };
    await guarded('index lesson', () => this.table.upsertEntity(row, 'Replace'));
  }

  /** The tenant's lessons indexed as started before `cutoff`, newest of them first, paging lazily. */
  async *startedBefore(tenantId: string, cutoff: number): AsyncGenerator<IndexedMeeting> {
    // startedAt < cutoff exactly when the reversed time is at least one more than the cutoff's.
    yield* this.query(odata`PartitionKey eq ${indexPartition(tenantId)} and RowKey ge ${reversedTime(cutoff - 1)}`);
  }

  /** Removes one index row; false when it was already gone. */
  async remove(tenantId: string, indexed: IndexedMeeting): Promise<boolean> {
    try {
      await guarded('unindex lesson', () =>
        this.table.deleteEntity(indexPartition(tenantId), indexRowKey(indexed.meetingId, indexed.startedAt)),
      );
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }

  /** Every tenant with indexed lessons, one small query each (see `tenantPartitions.ts`). */
  tenants(): AsyncGenerator<string> {
    return tenantsWithPartitions(this.table, 'idx');
  }

  private async *query(filter: string): AsyncGenerator<IndexedMeeting> {
    const pages = this.table
      .listEntities<{ meetingId: string; startedAt: number }>({ queryOptions: { filter } })
      .byPage();
    while (true) {
      const page = await guarded('list lessons', () => pages.next());
      if (page.done) return;
      for (const row of page.value) yield { meetingId: row.meetingId, startedAt: row.startedAt };
    }
  }
}
