/**
 * `MeetingStore` on Azure Table Storage (DESIGN.md section 5). Each lesson is one partition; an
 * event is applied as one entity-group transaction (create the event row + create or If-Match
 * update the snapshot), so a duplicate delivery or a concurrent writer changes nothing.
 */
import { odata, type TableClient, type TransactionAction } from '@azure/data-tables';
import type { CommitResult, Logger, MeetingKey, MeetingRecord, MeetingStore } from '../app/ports.js';
import type { AlertBook, MeetingEvent, MeetingState } from '../domain/types.js';
import { guarded, statusOf } from './errors.js';
import { MeetingIndex } from './meetingIndex.js';
import { EVENT_ROW_PREFIX, EVENT_ROWS_END, eventRow, eventRowKey, meetingPartition, parseEventRow, parseSnapshot, snapshotRow, STATE_ROW } from './meetingRows.js';

const DEFAULT_LIST_LIMIT = 20;

/** Lessons, their applied events and the per-tenant lesson index, in the `meetings` table. */
export class TableMeetingStore implements MeetingStore {
  private readonly index: MeetingIndex;

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

  async commit(key: MeetingKey, event: MeetingEvent, next: { state: MeetingState; alerts: AlertBook }, expectedEtag: string | undefined): Promise<CommitResult> {
    const partitionKey = meetingPartition(key);
    const snapshot = snapshotRow(partitionKey, key, next);
    const actions: TransactionAction[] = [
      ['create', eventRow(partitionKey, event)],
      expectedEtag === undefined ? ['create', snapshot] : ['update', snapshot, 'Replace', { etag: expectedEtag }],
    ];
    let etag: string | undefined;
    try {
      const response = await guarded('apply meeting event', () => this.table.submitTransaction(actions));
      etag = response.subResponses[1]?.etag;
    } catch (error) {
      const status = statusOf(error);
      if (status === 412) return { outcome: 'conflict' };
      // 409 comes from either create; the event row existing is what makes it a duplicate.
      if (status === 409) return (await this.eventExists(partitionKey, event.id)) ? { outcome: 'duplicate' } : { outcome: 'conflict' };
      throw error;
    }
    // The service returns each sub-response's ETag; re-read only if one ever did not.
    etag ??= (await this.readSnapshot(partitionKey))?.etag ?? '';
    await this.index.record(key, next.state.startedAt);
    return { outcome: 'applied', etag };
  }

  async saveAlerts(key: MeetingKey, alerts: AlertBook, expectedEtag: string): Promise<{ outcome: 'applied'; etag: string } | { outcome: 'conflict' }> {
    const partitionKey = meetingPartition(key);
    const current = await this.readSnapshot(partitionKey);
    if (!current || current.etag !== expectedEtag) return { outcome: 'conflict' };
    const row = snapshotRow(partitionKey, key, { state: parseSnapshot(current).state, alerts });
    try {
      const response = await guarded('save alerts', () => this.table.updateEntity(row, 'Replace', { etag: expectedEtag }));
      return { outcome: 'applied', etag: response.etag ?? '' };
    } catch (error) {
      const status = statusOf(error);
      if (status === 412 || status === 404) return { outcome: 'conflict' };
      throw error;
    }
  }

  async listEvents(key: MeetingKey): Promise<MeetingEvent[]> {
    const filter = odata`PartitionKey eq ${meetingPartition(key)} and RowKey ge ${EVENT_ROW_PREFIX} and RowKey lt ${EVENT_ROWS_END}`;
    const pages = this.table.listEntities<Record<string, unknown>>({ queryOptions: { filter } }).byPage();
    const rows: Array<ReturnType<typeof parseEventRow>> = [];
    while (true) {
      const page = await guarded('list meeting events', () => pages.next());
      if (page.done) break;
      for (const entity of page.value) rows.push(parseEventRow(entity));
    }
    rows.sort((a, b) => a.at - b.at || a.storedAt.localeCompare(b.storedAt));
    return rows.map((row) => row.event);
  }

  async listMeetings(tenantId: string, options: { organizerId?: string; limit?: number } = {}): Promise<MeetingState[]> {
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

  private async readSnapshot(partitionKey: string): Promise<(Record<string, unknown> & { etag: string }) | undefined> {
    try {
      return await guarded('load lesson', () => this.table.getEntity<Record<string, unknown>>(partitionKey, STATE_ROW));
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }

  private async eventExists(partitionKey: string, eventId: string): Promise<boolean> {
    try {
      await guarded('check event', () => this.table.getEntity(partitionKey, eventRowKey(eventId), { queryOptions: { select: ['kind'] } }));
      return true;
    } catch (error) {
      if (statusOf(error) === 404) return false;
      throw error;
    }
  }
}
