/**
 * `MeetingStore` on Azure Table Storage (DESIGN.md section 5). Each lesson is one partition. An
 * event is written into the outbox on the snapshot row in the same If-Match replace that updates
 * the snapshot (one single-entity write, about half the storage work of a transaction), and when
 * it is full (snapshotOutbox.ts) the outbox is flushed into `evt-` rows by one entity-group
 * transaction. The guarantees are unchanged: a write is atomic, a concurrent writer gets a
 * conflict instead of losing an update, a duplicate delivery changes nothing, and every event
 * recorded stays recorded (in the outbox until the transaction that moves it to its own row).
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { CommitResult, LessonBook, Logger, MeetingKey, MeetingRecord, MeetingStore } from '../app/ports.js';
import type { MeetingEvent, MeetingState } from '../domain/types.js';
import { guarded, statusOf } from './errors.js';
import { HeldOutboxes } from './heldOutboxes.js';
import { MeetingIndex } from './meetingIndex.js';
import {
  EVENT_ROW_PREFIX,
  EVENT_ROWS_END,
  eventRow,
  eventRowKey,
  inAppliedOrder,
  lessonProps,
  meetingPartition,
  parseEventRow,
  parseSnapshot,
  snapshotRow,
  STATE_ROW,
} from './meetingRows.js';
import { chunkedLength } from './properties.js';
import { fitsInOutbox, outboxProps, parseOutbox } from './snapshotOutbox.js';

const DEFAULT_LIST_LIMIT = 20;

type Snapshot = Record<string, unknown> & { etag: string };

/** Lessons, their applied events and the per-tenant lesson index, in the `meetings` table. */
export class TableMeetingStore implements MeetingStore {
  private readonly index: MeetingIndex;
  private readonly held = new HeldOutboxes();

  /** @param table the `meetings` table client; @param logger for index write failures (no personal data). */
  constructor(
    private readonly table: TableClient,
    logger?: Logger,
  ) {
    this.index = new MeetingIndex(table, logger);
  }

  async load(key: MeetingKey): Promise<MeetingRecord | undefined> {
    const entity = await this.readSnapshot(meetingPartition(key));
    if (!entity) return undefined;
    return { ...parseSnapshot(entity), etag: entity.etag };
  }

  async commit(
    key: MeetingKey,
    event: MeetingEvent,
    next: LessonBook,
    expectedEtag: string | undefined,
  ): Promise<CommitResult> {
    const partitionKey = meetingPartition(key);
    let before = expectedEtag === undefined ? [] : this.held.at(partitionKey, expectedEtag);
    if (!before) {
      // Rare: this process did not write or read that version last, so read what it holds.
      const current = await this.readSnapshot(partitionKey);
      if (!current || current.etag !== expectedEtag) return this.settleAgainst(partitionKey, event, current);
      before = parseOutbox(current);
    }
    if (before.some((e) => e.id === event.id)) return { outcome: 'duplicate' };
    const outbox = [...before, event];
    const lesson = lessonProps(next);
    const appended = outboxProps(outbox);
    const result = fitsInOutbox(outbox.length, chunkedLength(appended), chunkedLength(lesson))
      ? await this.append(partitionKey, key, event, lesson, outbox, appended, expectedEtag)
      : await this.flush(partitionKey, key, event, lesson, outbox, expectedEtag);
    if (result.outcome === 'applied') await this.index.record(key, next.state.startedAt);
    return result;
  }

  async saveBook(
    key: MeetingKey,
    book: Pick<LessonBook, 'alerts' | 'deliveries'>,
    expectedEtag: string,
  ): Promise<{ outcome: 'applied'; etag: string } | { outcome: 'conflict' }> {
    const partitionKey = meetingPartition(key);
    const current = await this.readSnapshot(partitionKey);
    if (!current || current.etag !== expectedEtag) return { outcome: 'conflict' };
    const outbox = parseOutbox(current);
    const stored = parseSnapshot(current);
    const lesson = { state: stored.state, alerts: book.alerts, deliveries: book.deliveries ?? stored.deliveries };
    const row = snapshotRow(partitionKey, key, lessonProps(lesson), outboxProps(outbox));
    try {
      const response = await guarded('save alerts and deliveries', () =>
        this.table.updateEntity(row, 'Replace', { etag: expectedEtag }),
      );
      const etag = response.etag ?? '';
      this.held.remember(partitionKey, etag, outbox);
      return { outcome: 'applied', etag };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return { outcome: 'conflict' };
      throw error;
    }
  }

  async listEvents(key: MeetingKey): Promise<MeetingEvent[]> {
    const partitionKey = meetingPartition(key);
    // The snapshot first: an outbox flushed after this read shows up in the rows listed next, so
    // nothing is missed (and inAppliedOrder drops its second copy).
    const snapshot = await this.readSnapshot(partitionKey);
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${EVENT_ROW_PREFIX} and RowKey lt ${EVENT_ROWS_END}`;
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage();
    const rows: Array<ReturnType<typeof parseEventRow>> = [];
    while (true) {
      const page = await guarded('list meeting events', () => pages.next());
      if (page.done) break;
      for (const entity of page.value) rows.push(parseEventRow(entity));
    }
    return inAppliedOrder(rows, snapshot ? parseOutbox(snapshot) : []);
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

  /** One If-Match replace of the snapshot with `event` appended to its outbox. */
  private async append(
    partitionKey: string,
    key: MeetingKey,
    event: MeetingEvent,
    lesson: Record<string, string | number>,
    outbox: MeetingEvent[],
    props: Record<string, string | number>,
    expectedEtag: string | undefined,
  ): Promise<CommitResult> {
    const row = snapshotRow(partitionKey, key, lesson, props);
    try {
      const response = await guarded('apply meeting event', () =>
        expectedEtag === undefined
          ? this.table.createEntity(row)
          : this.table.updateEntity(row, 'Replace', { etag: expectedEtag }),
      );
      const etag = response.etag ?? (await this.readSnapshot(partitionKey))?.etag ?? '';
      this.held.remember(partitionKey, etag, outbox);
      return { outcome: 'applied', etag };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return this.settleConflict(partitionKey, event);
      throw error;
    }
  }

  /**
   * One transaction: replace the snapshot with an empty outbox and create a row for every outbox
   * event. The snapshot goes first so a stale ETag fails as 412 before any row is tried.
   */
  private async flush(
    partitionKey: string,
    key: MeetingKey,
    event: MeetingEvent,
    lesson: Record<string, string | number>,
    outbox: MeetingEvent[],
    expectedEtag: string | undefined,
  ): Promise<CommitResult> {
    const snapshot = snapshotRow(partitionKey, key, lesson, outboxProps([]));
    const actions: TransactionAction[] = [
      expectedEtag === undefined ? ['create', snapshot] : ['update', snapshot, 'Replace', { etag: expectedEtag }],
      ...outbox.map((e, order): TransactionAction => ['create', eventRow(partitionKey, e, order)]),
    ];
    try {
      const response = await guarded('flush meeting events', () => this.table.submitTransaction(actions));
      // The service returns each sub-response's ETag; re-read only if one ever did not.
      const etag = response.subResponses[0]?.etag ?? (await this.readSnapshot(partitionKey))?.etag ?? '';
      this.held.remember(partitionKey, etag, []);
      return { outcome: 'applied', etag };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return this.settleConflict(partitionKey, event);
      if (status === 409) return this.afterRowCollision(partitionKey, key, event, lesson, outbox, expectedEtag);
      throw error;
    }
  }

  /**
   * A row to be created exists. This event's own row makes it a duplicate. An earlier outbox
   * event with a row is already recorded (a redelivery the store could not see without a read;
   * the app's applied-ids check normally keeps those out), so it is dropped and the flush retried
   * rather than failing on every later event. No row at all: the snapshot was created meanwhile.
   */
  private async afterRowCollision(
    partitionKey: string,
    key: MeetingKey,
    event: MeetingEvent,
    lesson: Record<string, string | number>,
    outbox: MeetingEvent[],
    expectedEtag: string | undefined,
  ): Promise<CommitResult> {
    const present = await Promise.all(outbox.map((e) => this.eventExists(partitionKey, e.id)));
    if (present[present.length - 1]) return { outcome: 'duplicate' };
    if (!present.includes(true)) return this.settleConflict(partitionKey, event);
    return this.flush(
      partitionKey,
      key,
      event,
      lesson,
      outbox.filter((_, i) => !present[i]),
      expectedEtag,
    );
  }

  /**
   * After a lost race (rare): a duplicate if the winner recorded this very event, in its outbox
   * or in its own row; otherwise a conflict, nothing is written, and the caller reloads.
   */
  private async settleConflict(partitionKey: string, event: MeetingEvent): Promise<CommitResult> {
    return this.settleAgainst(partitionKey, event, await this.readSnapshot(partitionKey));
  }

  private async settleAgainst(
    partitionKey: string,
    event: MeetingEvent,
    current: Snapshot | undefined,
  ): Promise<CommitResult> {
    if (current && parseOutbox(current).some((e) => e.id === event.id)) return { outcome: 'duplicate' };
    return (await this.eventExists(partitionKey, event.id)) ? { outcome: 'duplicate' } : { outcome: 'conflict' };
  }

  /** Reads the snapshot row, refreshing the outbox held for it. */
  private async readSnapshot(partitionKey: string): Promise<Snapshot | undefined> {
    try {
      const entity = await guarded('load lesson', () =>
        this.table.getEntity<Record<string, unknown>>(partitionKey, STATE_ROW),
      );
      this.held.remember(partitionKey, entity.etag, parseOutbox(entity));
      return entity;
    } catch (error) {
      if (statusOf(error) === 404) {
        this.held.forget(partitionKey);
        return undefined;
      }
      throw error;
    }
  }
  private async eventExists(partitionKey: string, eventId: string): Promise<boolean> {
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
}
