/**
 * `BookingStore` on Azure Table Storage: table `bookings`, one partition per tenant, one row per
 * (organizer, request id). A claim is inserted if absent as `pending` with the request's fingerprint
 * and time, then becomes `booked` with the lesson (a JSON column). A pending claim older than
 * {@link STALE_CLAIM_MS} (its instance stopped mid-booking) is taken over with If-Match on the row
 * read, so of two instances racing for it exactly one wins.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { BookedLesson, BookingClaim, BookingKey, BookingStore } from '../app/booking/ports.js';
import { guarded, statusOf } from './errors.js';
import { joinKey } from './keys.js';

/** How long a pending claim is left to its instance before another may take it over. */
export const STALE_CLAIM_MS = 5 * 60_000;
/** Insert-or-read rounds before giving up (each lost round means the row was deleted under this read). */
const MAX_ROUNDS = 3;

interface ClaimRow extends Record<string, unknown> {
  state: 'pending' | 'booked';
  fingerprint: string;
  /** Epoch ms of the claim (or its takeover). */
  claimedAt: number;
  /** The booked lesson, JSON (state `booked`). */
  lesson?: string;
}

/** Bookings by request id in the `bookings` table. */
export class TableBookingStore implements BookingStore {
  constructor(private readonly table: TableClient) {}

  async begin(key: BookingKey, requestFingerprint: string, at: number): Promise<BookingClaim> {
    const ids = keysOf(key);
    const claim = { ...ids, state: 'pending', fingerprint: requestFingerprint, claimedAt: at } satisfies ClaimRow;
    for (let round = 0; round < MAX_ROUNDS; round += 1) {
      try {
        await guarded('claim booking', () => this.table.createEntity<ClaimRow>(claim));
        return { outcome: 'new' };
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
      const earlier = await this.read(ids);
      if (!earlier) continue; // released between the insert and the read: claim again
      if (earlier.fingerprint !== requestFingerprint) return { outcome: 'conflict' };
      if (earlier.state === 'booked')
        return { outcome: 'booked', booking: JSON.parse(earlier.lesson ?? 'null') as BookedLesson };
      if (at - earlier.claimedAt <= STALE_CLAIM_MS) return { outcome: 'inProgress' };
      try {
        await guarded('take over booking claim', () =>
          this.table.updateEntity<ClaimRow>(claim, 'Replace', { etag: earlier.etag }),
        );
        return { outcome: 'new' };
      } catch (error) {
        const status = statusOf(error);
        if (status === 412) return { outcome: 'inProgress' }; // another instance took it over first
        if (status !== 404) throw error;
      }
    }
    return { outcome: 'inProgress' };
  }

  async finish(key: BookingKey, booking: BookedLesson): Promise<void> {
    // Merge: the claim's fingerprint stays, so a repeat of the same request finds the lesson.
    const done = { ...keysOf(key), state: 'booked', lesson: JSON.stringify(booking) } satisfies Partial<ClaimRow>;
    await guarded('record booking', () => this.table.updateEntity(done, 'Merge'));
  }

  async release(key: BookingKey): Promise<void> {
    const { partitionKey, rowKey } = keysOf(key);
    try {
      await guarded('release booking claim', () => this.table.deleteEntity(partitionKey, rowKey));
    } catch (error) {
      if (statusOf(error) !== 404) throw error;
    }
  }

  /** Deletes up to `max` bookings claimed before `cutoff` (epoch ms), across schools; returns how many. */
  async forgetBefore(cutoff: number, max: number): Promise<number> {
    const old = this.table
      .listEntities<ClaimRow>({
        queryOptions: { filter: odata`claimedAt lt ${cutoff}`, select: ['PartitionKey', 'RowKey'] },
      })
      .byPage({ maxPageSize: Math.min(max, 1000) });
    const page = await guarded('list old bookings', () => old.next());
    let forgotten = 0;
    for (const row of page.done ? [] : page.value.slice(0, max)) {
      try {
        await guarded('delete old booking', () => this.table.deleteEntity(row.partitionKey!, row.rowKey!));
      } catch (error) {
        if (statusOf(error) !== 404) throw error; // another instance deleted it first
      }
      forgotten++;
    }
    return forgotten;
  }

  private async read(ids: {
    partitionKey: string;
    rowKey: string;
  }): Promise<(ClaimRow & { etag: string }) | undefined> {
    try {
      return await guarded('read booking claim', () => this.table.getEntity<ClaimRow>(ids.partitionKey, ids.rowKey));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}

function keysOf(key: BookingKey): { partitionKey: string; rowKey: string } {
  return { partitionKey: joinKey([key.tenantId]), rowKey: joinKey([key.organizerId, key.requestId]) };
}
