import { createStorageTables, type StorageTables } from '../../bot/src/storage/tableClients.js';
import type { MeetingEvent, MeetingState } from '../../bot/src/domain/types.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';

/** A fresh set of Chaperone tables on the shared Azurite, isolated by a unique prefix. */
export async function freshTables(): Promise<StorageTables> {
  const azurite = await sharedAzurite();
  const tables = createStorageTables({ connectionString: azurite.connectionString, tablePrefix: uniqueTableName('t') });
  await tables.ensureTables();
  return tables;
}

/** A lesson snapshot with only what the storage tests look at. */
export function lessonState(tenantId: string, meetingId: string, extra: Partial<MeetingState> = {}): MeetingState {
  return {
    tenantId,
    meetingId,
    title: 'Year 9 maths',
    meetingType: 'Scheduled',
    people: {},
    checklist: {},
    breaches: [],
    applied: [],
    ...extra,
  };
}

/** A meeting-ended event: the smallest event there is. */
export function endedEvent(id: string, at: number): MeetingEvent {
  return { kind: 'meetingEnded', id, at };
}
