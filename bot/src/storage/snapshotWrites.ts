/**
 * The writes of a lesson's snapshot row (DESIGN.md section 5). An event goes into the outbox on the
 * row in the same If-Match replace that updates the snapshot (one single-entity write), and when the
 * outbox is full (snapshotOutbox.ts) it is flushed into `evt-` rows by one entity-group transaction.
 * Every write stores the revision of the version it replaces plus one. A write is atomic, a
 * concurrent writer gets a conflict instead of losing an update, and a duplicate changes nothing.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { CommitResult, MeetingKey } from '../app/ports.js';
import type { MeetingEvent } from '../domain/types.js';
import { guarded, statusOf } from './errors.js';
import type { LessonRows } from './lessonRows.js';
import { eventRow, snapshotRow } from './meetingRows.js';
import { chunkedLength } from './properties.js';
import { fitsInOutbox, outboxProps } from './snapshotOutbox.js';
import { SnapshotVersion } from './snapshotVersion.js';

/** One write of the snapshot row: which lesson, its new data, and the version it replaces. */
interface Target {
  partitionKey: string;
  key: MeetingKey;
  /** The lesson's state and alerts as chunked properties (meetingRows.ts `lessonProps`). */
  lesson: Record<string, string | number>;
  /** The version replaced; undefined when the row must not exist yet. */
  base: SnapshotVersion | undefined;
}

/** Writes lesson snapshot rows and the event rows their outboxes flush into. */
export class SnapshotWrites {
  constructor(
    private readonly table: TableClient,
    private readonly rows: LessonRows,
  ) {}

  /** Records `event` in the outbox of the row that replaces `target.base`, flushing the outbox when full. */
  async event(target: Target, event: MeetingEvent): Promise<CommitResult> {
    if (target.base?.outbox.some((e) => e.id === event.id)) return { outcome: 'duplicate' };
    const outbox = [...(target.base?.outbox ?? []), event];
    const appended = outboxProps(outbox);
    return fitsInOutbox(outbox.length, chunkedLength(appended), chunkedLength(target.lesson))
      ? this.append(target, event, outbox, appended)
      : this.flush(target, event, outbox);
  }

  /** Replaces the row's lesson data, keeping its outbox; undefined when `base` is no longer the stored version. */
  async book(target: Target & { base: SnapshotVersion }): Promise<SnapshotVersion | undefined> {
    const revision = target.base.revision + 1;
    const row = snapshotRow(target.partitionKey, target.key, target.lesson, outboxProps(target.base.outbox), revision);
    try {
      const response = await guarded('save alerts and deliveries', () =>
        this.table.updateEntity(row, 'Replace', { etag: target.base.etag }),
      );
      return this.written(target.partitionKey, response.etag, revision, target.base.outbox);
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return undefined;
      throw error;
    }
  }

  /**
   * After a lost race (rare): a duplicate if the winner recorded this very event, in its outbox or
   * in its own row; otherwise a conflict, nothing is written, and the caller reloads. `current` is
   * the row's version when the caller has just read it (null: there is no row); left out, it is read here.
   */
  async settle(partitionKey: string, event: MeetingEvent, current?: SnapshotVersion | null): Promise<CommitResult> {
    const version = current === undefined ? (await this.rows.snapshot(partitionKey))?.version : current;
    if (version?.outbox.some((e) => e.id === event.id)) return { outcome: 'duplicate' };
    return (await this.rows.hasEventRow(partitionKey, event.id)) ? { outcome: 'duplicate' } : { outcome: 'conflict' };
  }

  /** One If-Match replace (or a create) of the snapshot with `event` appended to its outbox. */
  private async append(
    target: Target,
    event: MeetingEvent,
    outbox: MeetingEvent[],
    props: Record<string, string | number>,
  ): Promise<CommitResult> {
    const revision = (target.base?.revision ?? 0) + 1;
    const row = snapshotRow(target.partitionKey, target.key, target.lesson, props, revision);
    try {
      const response = await guarded('apply meeting event', () =>
        target.base === undefined
          ? this.table.createEntity(row)
          : this.table.updateEntity(row, 'Replace', { etag: target.base.etag }),
      );
      const version = await this.written(target.partitionKey, response.etag, revision, outbox);
      return { outcome: 'applied', ...version.stored() };
    } catch (error) {
      const status = statusOf(error);
      if (status === 409 || status === 412 || status === 404) return this.settle(target.partitionKey, event);
      throw error;
    }
  }

  /**
   * One transaction: replace the snapshot with an empty outbox and create a row for every outbox
   * event. The snapshot goes first so a stale ETag fails as 412 before any row is tried.
   */
  private async flush(target: Target, event: MeetingEvent, outbox: MeetingEvent[]): Promise<CommitResult> {
    const revision = (target.base?.revision ?? 0) + 1;
    const snapshot = snapshotRow(target.partitionKey, target.key, target.lesson, outboxProps([]), revision);
    const actions: TransactionAction[] = [
      target.base === undefined ? ['create', snapshot] : ['update', snapshot, 'Replace', { etag: target.base.etag }],
      ...outbox.map((e, order): TransactionAction => ['create', eventRow(target.partitionKey, e, order)]),
    ];
    try {
      const response = await guarded('flush meeting events', () => this.table.submitTransaction(actions));
      const version = await this.written(target.partitionKey, response.subResponses[0]?.etag, revision, []);
      return { outcome: 'applied', ...version.stored() };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return this.settle(target.partitionKey, event);
      if (status === 409) return this.afterRowCollision(target, event, outbox);
      throw error;
    }
  }

  /**
   * A row to be created exists. This event's own row makes it a duplicate. An earlier outbox
   * event with a row is already recorded (a redelivery the store could not see without a read;
   * the app's applied-ids check normally keeps those out), so it is dropped and the flush retried
   * rather than failing on every later event. No row at all: the snapshot was created meanwhile.
   */
  private async afterRowCollision(target: Target, event: MeetingEvent, outbox: MeetingEvent[]): Promise<CommitResult> {
    const present = await Promise.all(outbox.map((e) => this.rows.hasEventRow(target.partitionKey, e.id)));
    if (present[present.length - 1]) return { outcome: 'duplicate' };
    if (!present.includes(true)) return this.settle(target.partitionKey, event);
    return this.flush(
      target,
      event,
      outbox.filter((_, i) => !present[i]),
    );
  }

  /** The version just written. The service returns its ETag; the row is re-read only if it ever did not. */
  private async written(
    partitionKey: string,
    etag: string | undefined,
    revision: number,
    outbox: readonly MeetingEvent[],
  ): Promise<SnapshotVersion> {
    if (etag) return new SnapshotVersion(etag, revision, outbox);
    return (await this.rows.snapshot(partitionKey))?.version ?? new SnapshotVersion('', revision, outbox);
  }
}
