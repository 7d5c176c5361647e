import { odata, type TableClient } from '@azure/data-tables';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import type { AlertBook, MeetingEvent, MeetingState } from '../../bot/src/domain/types.js';
import { FLUSHED_END, FLUSHED_START, isPage, parsePage } from '../../bot/src/storage/eventPages.js';
import { meetingPartition, parseEventRow, STATE_ROW } from '../../bot/src/storage/meetingRows.js';
import { parseOutboxEntries } from '../../bot/src/storage/snapshotOutbox.js';
import type { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { lessonState } from './storageFixtures.js';

/** What one lesson's partition holds, read straight from the table (not through the store). */
export async function storedLayout(
  table: TableClient,
  key: MeetingKey,
): Promise<{ etag: string; outbox: MeetingEvent[]; outboxChars: number; flushedIds: string[]; pages: number }> {
  const partitionKey = meetingPartition(key);
  const snapshot = await table.getEntity<Record<string, unknown>>(partitionKey, STATE_ROW);
  const filter = odata`PartitionKey eq ${partitionKey} and RowKey ge ${FLUSHED_START} and RowKey lt ${FLUSHED_END}`;
  const flushedIds: string[] = [];
  let pages = 0;
  for await (const row of table.listEntities<Record<string, unknown>>({ queryOptions: { filter } })) {
    if (isPage(row.rowKey ?? '')) pages += 1;
    const flushed = isPage(row.rowKey ?? '') ? parsePage(row) : [parseEventRow(row)];
    flushedIds.push(...flushed.map((f) => f.event.id));
  }
  const outbox = parseOutboxEntries(snapshot);
  return {
    etag: snapshot.etag,
    outbox: outbox.entries.map((e) => e.event),
    outboxChars: outbox.chars,
    flushedIds,
    pages,
  };
}

/**
 * Applies `event` the way the app layer does: skip it if the loaded state already applied it,
 * otherwise commit on top of the loaded snapshot, reloading after each conflict. Returns the
 * outcome of the first commit attempt.
 */
export async function applyLikeTheApp(
  store: TableMeetingStore,
  key: MeetingKey,
  event: MeetingEvent,
  alerts: AlertBook = {},
): Promise<string> {
  let first: string | undefined;
  for (let attempt = 0; attempt < 50; attempt += 1) {
    const current = await store.load(key);
    const base: MeetingState = current?.state ?? lessonState(key.tenantId, key.meetingId);
    if (base.applied.includes(event.id)) return first ?? 'duplicate';
    const result = await store.commit(
      key,
      event,
      { state: { ...base, applied: [...base.applied, event.id] }, alerts },
      current?.etag,
    );
    first ??= result.outcome;
    if (result.outcome !== 'conflict') return first;
  }
  throw new Error(`event ${event.id} kept conflicting`);
}
