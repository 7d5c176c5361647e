/**
 * `BookingStore` on Azure Table Storage: table `bookings`, one partition per tenant, one row per
 * (organizer, request id). A claim is inserted if absent as `pending` with the request's fingerprint
 * and time, then becomes `booked` with the lesson (a JSON column). A pending claim older than
 * {@link STALE_CLAIM_MS} (its instance stopped mid-booking) is taken over with If-Match on the row
 * read, so of two instances racing for it exactly one wins. A booked lesson's changes (cancelled, moved) are written
 * over the version they were worked out from (If-Match), with the moves already made and when a cancellation was
 * asked for. An organizer's rows are one key range, so their list is one query.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { BookedLesson, BookingClaim, BookingKey, BookingStore, KeptBooking } from '../app/booking/ports.js';
import { guarded, statusOf } from './errors.js';
import { joinKey, splitKey } from './keys.js';

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
  /** Moves made: request id to fingerprint, JSON. */
  moves?: string;
  /** Epoch ms a cancellation was asked for; 0 for none (a Merge cannot remove a column). */
  cancelAskedAt?: number;
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
      const earlier = await this.readRow(ids);
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

  async upcoming(tenantId: string, organizerId: string, endsAfter: number): Promise<KeptBooking[]> {
    // Every row key of the organizer starts with their encoded id and the separator `!`; `"` is the next character.
    const own = joinKey([organizerId]);
    const rows = this.table.listEntities<ClaimRow>({
      queryOptions: {
        filter: odata`PartitionKey eq ${joinKey([tenantId])} and RowKey ge ${`${own}!`} and RowKey lt ${`${own}"`} and state eq 'booked'`,
      },
    });
    const kept: KeptBooking[] = [];
    await guarded('list bookings', async () => {
      for await (const row of rows) kept.push(keptOf(row as ClaimRow & { rowKey: string; etag: string }));
    });
    return kept
      .filter((k) => k.booking.end > endsAfter)
      .sort((a, b) => a.booking.start - b.booking.start || a.id.localeCompare(b.id));
  }

  async read(key: BookingKey): Promise<KeptBooking | undefined> {
    const row = await this.readRow(keysOf(key));
    return row?.state === 'booked' ? keptOf(row) : undefined;
  }

  async update(
    key: BookingKey,
    version: string,
    next: Omit<KeptBooking, 'id' | 'version'>,
  ): Promise<string | undefined> {
    const row = {
      ...keysOf(key),
      lesson: JSON.stringify(next.booking),
      moves: JSON.stringify(next.moves),
      cancelAskedAt: next.cancelAskedAt ?? 0,
    } satisfies Partial<ClaimRow>;
    try {
      const written = await guarded('change booking', () => this.table.updateEntity(row, 'Merge', { etag: version }));
      return written.etag;
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return undefined;
      throw error;
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

  private async readRow(ids: {
    partitionKey: string;
    rowKey: string;
  }): Promise<(ClaimRow & { rowKey: string; etag: string }) | undefined> {
    try {
      const row = await guarded('read booking claim', () =>
        this.table.getEntity<ClaimRow>(ids.partitionKey, ids.rowKey),
      );
      return { ...row, rowKey: ids.rowKey };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}

function keptOf(row: ClaimRow & { rowKey: string; etag: string }): KeptBooking {
  return {
    id: splitKey(row.rowKey)[1]!,
    booking: JSON.parse(row.lesson ?? 'null') as BookedLesson,
    moves: JSON.parse(row.moves ?? '{}') as Record<string, string>,
    ...(row.cancelAskedAt ? { cancelAskedAt: row.cancelAskedAt } : {}),
    version: row.etag,
  };
}

function keysOf(key: BookingKey): { partitionKey: string; rowKey: string } {
  return { partitionKey: joinKey([key.tenantId]), rowKey: joinKey([key.organizerId, key.requestId]) };
}
