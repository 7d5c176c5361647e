/**
 * A small per-tenant index of lessons, newest first, so `register last` never scans meetings.
 * Partition `idx!<tenant>`; RowKey = reversed start time + meeting id, so ascending RowKey order
 * is newest first. Written after the lesson's own commit (another partition, so not in its batch);
 * the write is an idempotent upsert, repeated until it succeeds once per process.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { Logger, MeetingKey } from '../app/ports.js';
import { guarded } from './errors.js';
import { joinKey } from './keys.js';
import { timeValue } from './properties.js';

/** Later than any Date, so `LATEST - startedAt` is never negative. */
const LATEST = 8_640_000_000_000_000;
/** Bounds the per-process memory of rows already written; forgetting only costs a repeat upsert. */
const MAX_REMEMBERED = 10_000;

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
    const partitionKey = joinKey(['idx', key.tenantId]);
    const rowKey = joinKey([String(LATEST - startedAt).padStart(16, '0'), key.meetingId]);
    const marker = `${partitionKey}/${rowKey}`;
    if (this.written.has(marker)) return;
    try {
      await guarded('index lesson', () => this.table.upsertEntity({ partitionKey, rowKey, meetingId: key.meetingId, startedAt: timeValue(startedAt) }, 'Replace'));
      if (this.written.size >= MAX_REMEMBERED) this.written.clear();
      this.written.add(marker);
    } catch (error) {
      this.logger?.warn({ err: (error as Error).name }, 'Could not index a lesson; will retry on its next event.');
    }
  }

  /** The tenant's indexed lessons, newest first, paging lazily. */
  async *newestFirst(tenantId: string): AsyncGenerator<IndexedMeeting> {
    const filter = odata`PartitionKey eq ${joinKey(['idx', tenantId])}`;
    const pages = this.table.listEntities<{ meetingId: string; startedAt: number }>({ queryOptions: { filter } }).byPage();
    while (true) {
      const page = await guarded('list lessons', () => pages.next());
      if (page.done) return;
      for (const row of page.value) yield { meetingId: row.meetingId, startedAt: row.startedAt };
    }
  }
}
