import type { MeetingKey } from '../../bot/src/app/ports.js';
import type { AlertBook, MeetingEvent } from '../../bot/src/domain/types.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { freshTables, lessonState } from './storageFixtures.js';

/** A lesson whose meeting id holds the characters Table Storage keys forbid. */
export const key: MeetingKey = { tenantId: 'tenant-a', meetingId: 'MCMxOTptZWV0aW5n/X2Nh\\ZA==#0?' };
/** An empty alert book. */
export const noAlerts: AlertBook = {};

/** A meeting store over fresh tables. */
export async function makeStore(): Promise<TableMeetingStore> {
  return new TableMeetingStore((await freshTables()).meetings);
}

/** Applies `event` on top of whatever is stored, as the app layer would (no retry). */
export async function applyNext(store: TableMeetingStore, event: MeetingEvent, title: string) {
  const current = await store.load(key);
  return store.commit(
    key,
    event,
    { state: lessonState(key.tenantId, key.meetingId, { title }), alerts: noAlerts },
    current?.etag,
  );
}
