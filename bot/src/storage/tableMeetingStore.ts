/**
 * `MeetingStore` on Azure Table Storage (DESIGN.md section 5). Each lesson is one partition: a
 * snapshot row whose outbox holds the newest events, and pages of the events flushed out of it
 * (snapshotWrites.ts, eventPages.ts). What a version of the snapshot holds travels on the record this store
 * returns (snapshotVersion.ts), so the app's record cache is the only cache: a write over the
 * version this process read or wrote last needs no read first.
 */
import type { TableClient } from '@azure/data-tables';
import type {
  CommitResult,
  ExpectedVersion,
  LessonBook,
  Logger,
  MeetingKey,
  MeetingRecord,
  MeetingStore,
  Replayable,
  StoredVersion,
} from '../app/ports.js';
import type { MeetingEvent, MeetingState } from '../domain/types.js';
import { LessonRows } from './lessonRows.js';
import { MeetingIndex } from './meetingIndex.js';
import { inAppliedOrder, meetingPartition } from './meetingRows.js';
import { expectedEtag, versionNoted, type SnapshotVersion } from './snapshotVersion.js';
import { SnapshotWrites } from './snapshotWrites.js';

const DEFAULT_LIST_LIMIT = 20;

/** Lessons, their applied events and the per-tenant lesson index, in the `meetings` table. */
export class TableMeetingStore implements MeetingStore {
  private readonly index: MeetingIndex;
  private readonly rows: LessonRows;
  private readonly writes: SnapshotWrites;

  /** @param table the `meetings` table client; @param logger for index write failures (no personal data). */
  constructor(table: TableClient, logger?: Logger) {
    this.index = new MeetingIndex(table, logger);
    this.rows = new LessonRows(table);
    this.writes = new SnapshotWrites(table, this.rows, logger);
  }

  async load(key: MeetingKey): Promise<MeetingRecord | undefined> {
    const read = await this.rows.snapshot(meetingPartition(key));
    if (!read) return undefined;
    return { ...read.book, ...read.version.stored() };
  }

  async commit(
    key: MeetingKey,
    event: MeetingEvent,
    next: LessonBook,
    expected: ExpectedVersion | undefined,
    replayable?: Replayable,
  ): Promise<CommitResult> {
    const partitionKey = meetingPartition(key);
    // A version this process flushed since the caller read it holds the same lesson under a new ETag.
    let base = expected === undefined ? undefined : versionNoted(expected)?.latest();
    if (expected !== undefined && !base) {
      // Rare: this process did not write or read that version last, so read what it holds.
      const current = await this.rows.snapshot(partitionKey);
      if (!current || current.version.etag !== expectedEtag(expected)) {
        return this.writes.settle(partitionKey, event, current ?? null);
      }
      base = current.version;
    }
    const result = await this.writes.event({ partitionKey, key, book: next, base }, event, replayable);
    if (result.outcome === 'applied') await this.index.record(key, next.state.startedAt);
    return result;
  }

  async saveBook(
    key: MeetingKey,
    book: Pick<LessonBook, 'alerts' | 'deliveries'>,
    expected: ExpectedVersion,
  ): Promise<({ outcome: 'applied' } & StoredVersion) | { outcome: 'conflict' }> {
    const partitionKey = meetingPartition(key);
    // A compact row this process read or wrote (or flushed) last takes the book as a merge, If-Match: no read first.
    const noted = versionNoted(expected)?.latest();
    if (noted?.compact) return this.savedAs(await this.writes.book({ partitionKey, book, base: noted }));
    const current = await this.rows.snapshot(partitionKey);
    if (!current || current.version.etag !== expectedEtag(expected)) return { outcome: 'conflict' };
    const read = { key, state: current.book.state };
    const deliveries = book.deliveries ?? current.book.deliveries;
    return this.savedAs(
      await this.writes.book({ partitionKey, book: { alerts: book.alerts, deliveries }, base: current.version, read }),
    );
  }

  private savedAs(
    written: SnapshotVersion | undefined,
  ): ({ outcome: 'applied' } & StoredVersion) | { outcome: 'conflict' } {
    return written ? { outcome: 'applied', ...written.stored() } : { outcome: 'conflict' };
  }

  async hasEvent(key: MeetingKey, eventId: string): Promise<boolean> {
    const partitionKey = meetingPartition(key);
    // The snapshot first: an event flushed out of the outbox after this read is on a page by the next one.
    const snapshot = await this.rows.snapshot(partitionKey);
    if (snapshot?.version.outbox.some((e) => e.id === eventId)) return true;
    return this.rows.isFlushed(partitionKey, eventId);
  }

  async listEvents(key: MeetingKey): Promise<MeetingEvent[]> {
    const partitionKey = meetingPartition(key);
    // The snapshot first: an outbox flushed after this read shows up on the pages listed next, so
    // nothing is missed (and inAppliedOrder drops its second copy).
    const snapshot = await this.rows.snapshot(partitionKey);
    return inAppliedOrder(await this.rows.flushedEvents(partitionKey), snapshot?.version.outbox ?? []);
  }

  async listMeetings(
    tenantId: string,
    options: { organizerId?: string; limit?: number } = {},
  ): Promise<MeetingState[]> {
    const limit = options.limit ?? DEFAULT_LIST_LIMIT;
    const found: MeetingState[] = [];
    const seen = new Set<string>();
    let batch: string[] = [];
    const flush = async (): Promise<void> => {
      const records = await Promise.all(batch.map((meetingId) => this.load({ tenantId, meetingId })));
      batch = [];
      for (const record of records) {
        // Every read is keyed by tenant; the check guards against a mis-filed index row all the same.
        if (!record || record.state.tenantId !== tenantId) continue;
        if (options.organizerId !== undefined && record.state.organizerId !== options.organizerId) continue;
        if (found.length < limit) found.push(record.state);
      }
    };
    for await (const indexed of this.index.newestFirst(tenantId)) {
      if (seen.has(indexed.meetingId)) continue;
      seen.add(indexed.meetingId);
      batch.push(indexed.meetingId);
      if (batch.length >= limit - found.length) await flush();
      if (found.length >= limit) break;
    }
    if (found.length < limit) await flush();
    return found.sort((a, b) => (b.startedAt ?? 0) - (a.startedAt ?? 0));
  }
}
