/**
 * `TimerStore` on Azure Table Storage. Timers are partitioned by due minute (`yyyyMMddHHmm` UTC)
 * so a sweep reads a few small partitions; every instance sweeps, and a timer is claimed by
 * deleting it with its ETag, so exactly one caller gets it.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { DueTimer, MeetingKey, TimerStore } from '../app/ports.js';
import { allListed, guarded, statusOf } from './errors.js';
import { joinKey } from './keys.js';
import { timeValue } from './properties.js';

const MINUTE = 60_000;

/** Options for {@link TableTimerStore}. */
export interface TimerStoreOptions {
  /** How far back a sweep looks for timers nobody claimed (minutes; default 60). */
  lookbackMinutes?: number;
  /** The clock used to file timers scheduled in the past (default `Date.now`). */
  now?: () => number;
}

interface TimerRow {
  tenantId: string;
  meetingId: string;
  dueAt: number;
  reason: string;
}

/** The due-minute partition of an instant, e.g. `202611230915`. */
export function minutePartition(ms: number): string {
  return new Date(ms).toISOString().slice(0, 16).replace(/[-T:]/g, '');
}

/** Timers in the `timers` table. */
export class TableTimerStore implements TimerStore {
  private readonly lookback: number;
  private readonly now: () => number;
  /** Oldest minute this instance still needs to read; earlier ones were swept clean. */
  private watermark = 0;

  constructor(
    private readonly table: TableClient,
    options: TimerStoreOptions = {},
  ) {
    this.lookback = (options.lookbackMinutes ?? 60) * MINUTE;
    this.now = options.now ?? Date.now;
  }

  async schedule(key: MeetingKey, dueAt: number, reason: string): Promise<void> {
    // A timer already overdue goes in the current minute, which sweepers are still reading.
    const partitionKey = minutePartition(Math.max(dueAt, this.now()));
    // One row per lesson, instant and reason: timers of different reasons never overwrite each other.
    const rowKey = joinKey([String(dueAt).padStart(16, '0'), key.tenantId, key.meetingId, reason]);
    await guarded('schedule timer', () =>
      this.table.upsertEntity(
        { partitionKey, rowKey, tenantId: key.tenantId, meetingId: key.meetingId, dueAt: timeValue(dueAt), reason },
        'Replace',
      ),
    );
  }

  async claimDue(now: number, limit: number): Promise<DueTimer[]> {
    const from = minutePartition(Math.max(this.watermark, now - this.lookback));
    const to = minutePartition(now);
    const filter = odata`PartitionKey ge ${from} and PartitionKey le ${to}`;
    const due: Array<{ partitionKey: string; rowKey: string; etag: string } & TimerRow> = [];
    const pages = this.table.listEntities<TimerRow>({ queryOptions: { filter } }).byPage();
    for (const { partitionKey, rowKey, ...row } of await allListed(pages, 'sweep timers')) {
      if (partitionKey !== undefined && rowKey !== undefined && row.dueAt <= now)
        due.push({ ...row, partitionKey, rowKey });
    }
    due.sort((a, b) => a.dueAt - b.dueAt);
    const claimed: DueTimer[] = [];
    for (const row of due) {
      if (claimed.length >= limit) break;
      if (await this.claim(row.partitionKey, row.rowKey, row.etag)) {
        claimed.push({
          id: `${row.partitionKey}/${row.rowKey}`,
          key: { tenantId: row.tenantId, meetingId: row.meetingId },
          dueAt: row.dueAt,
          reason: row.reason,
        });
      }
    }
    // Keep re-reading the previous minute: other instances' clocks and late schedules may lag.
    if (claimed.length < limit) this.watermark = Math.max(this.watermark, now - MINUTE);
    return claimed;
  }

  /** Deletes the timer if it is still the one we read; false when another caller got there first. */
  private async claim(partitionKey: string, rowKey: string, etag: string): Promise<boolean> {
    try {
      await guarded('claim timer', () => this.table.deleteEntity(partitionKey, rowKey, { etag }));
      return true;
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return false;
      throw error;
    }
  }
}
