import { strict as assert } from 'node:assert';
import { odata, type TableClient } from '@azure/data-tables';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import { createRetentionSweep } from '../../bot/src/app/retention/createRetentionSweep.js';
import { joinKey, splitKey } from '../../bot/src/storage/keys.js';
import type { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { TableRetentionStore } from '../../bot/src/storage/tableRetention.js';
import { spyLogger } from '../app/retention/fakes.js';
import { policy } from '../domain/builders.js';
import { endedEvent, lessonState } from './storageFixtures.js';

/** The school whose lessons the retention tests record. */
export const TENANT = 'school/a';
/** A lesson that started on day 0. */
export const OLD: MeetingKey = { tenantId: TENANT, meetingId: '19:meeting_old#1' };
/** A lesson that started on day 5. */
export const RECENT: MeetingKey = { tenantId: TENANT, meetingId: '19:meeting_recent?5' };

/** Records a lesson the way the service does: `events` commits through the real store, one second apart. */
export async function recordLesson(
  store: TableMeetingStore,
  key: MeetingKey,
  startedAt: number,
  events: number,
): Promise<void> {
  let etag: string | undefined;
  for (let i = 0; i < events; i++) {
    const at = startedAt + i * 1000;
    const state = lessonState(key.tenantId, key.meetingId, { startedAt, lastEventAt: at });
    const result = await store.commit(key, endedEvent(`${key.meetingId}-e${i}`, at), { state, alerts: {} }, etag);
    assert.equal(result.outcome, 'applied');
    etag = result.outcome === 'applied' ? result.etag : undefined;
  }
}

/** The row keys of a partition. */
export async function rowKeys(table: TableClient, partitionKey: string): Promise<string[]> {
  const keys: string[] = [];
  const filter = odata`PartitionKey eq ${partitionKey}`;
  for await (const row of table.listEntities({ queryOptions: { filter, select: ['rowKey'] } }))
    keys.push(row.rowKey ?? '');
  return keys;
}

/** The meeting ids the lesson index holds for a school. */
export const indexedIds = async (table: TableClient, tenantId: string) =>
  (await rowKeys(table, joinKey(['idx', tenantId]))).map((k) => splitKey(k)[1]);

/** The retention sweep over this table, with each school's retention period (30 days unless given). */
export function makeSweep(
  table: TableClient,
  meetings: TableMeetingStore,
  retentionDays: Record<string, number> = {},
  maxLessonsPerPass?: number,
) {
  const logger = spyLogger();
  const policyFor = (tenantId: string) => policy({ retentionDays: retentionDays[tenantId] ?? 30 });
  return createRetentionSweep({
    store: new TableRetentionStore(table),
    meetings,
    policyFor,
    logger,
    ...(maxLessonsPerPass ? { maxLessonsPerPass } : {}),
  });
}

/** Everything an async iterable gives. */
export async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}
