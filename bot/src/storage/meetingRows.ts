/**
 * The rows of a lesson's partition in the `meetings` table: the snapshot row (`state`) and one
 * row per applied event (`evt-<event id>`). Pure mapping between domain values and entities.
 */
import type { TableEntity, TableEntityResult } from '@azure/data-tables';
import type { MeetingKey } from '../app/ports.js';
import type { AlertBook, MeetingEvent, MeetingState } from '../domain/types.js';
import { chunkedLength, fromChunks, timeValue, toChunks } from './properties.js';
import { joinKey } from './keys.js';

/** RowKey of the snapshot row. */
export const STATE_ROW = 'state';
/** RowKeys of event rows start with this; `EVENT_ROWS_END` is the first key after them. */
export const EVENT_ROW_PREFIX = 'evt-';
export const EVENT_ROWS_END = 'evt.';
/** Well under the 1 MiB entity cap (strings count two bytes a character, plus overhead). */
const MAX_ROW_CHARS = 450_000;

/** Entity properties as this module writes them. */
export type Row = TableEntity<Record<string, unknown>>;

/** The partition holding one lesson: tenant and meeting id, escaped. */
export function meetingPartition(key: MeetingKey): string {
  return joinKey(['mtg', key.tenantId, key.meetingId]);
}

/** The RowKey of an applied event (escaping keeps the `evt-` prefix intact). */
export function eventRowKey(eventId: string): string {
  return joinKey([`${EVENT_ROW_PREFIX}${eventId}`]);
}

function withinRowLimit(props: Record<string, unknown>, what: string): void {
  if (chunkedLength(props) > MAX_ROW_CHARS) {
    throw new Error(`The ${what} has grown past what one storage row can hold; archive or split the lesson record.`);
  }
}

/** The snapshot row for a lesson. */
export function snapshotRow(partitionKey: string, key: MeetingKey, next: { state: MeetingState; alerts: AlertBook }): Row {
  const props = { ...toChunks('state', JSON.stringify(next.state)), ...toChunks('alerts', JSON.stringify(next.alerts)) };
  withinRowLimit(props, 'lesson snapshot');
  return { partitionKey, rowKey: STATE_ROW, tenantId: key.tenantId, meetingId: key.meetingId, ...props };
}

/** Reads a snapshot row back into the lesson state and its alert book. */
export function parseSnapshot(entity: Record<string, unknown>): { state: MeetingState; alerts: AlertBook } {
  return {
    state: JSON.parse(fromChunks('state', entity)) as MeetingState,
    alerts: JSON.parse(fromChunks('alerts', entity)) as AlertBook,
  };
}

/** The row recording one applied event (its id is the RowKey, so a second delivery collides). */
export function eventRow(partitionKey: string, event: MeetingEvent): Row {
  const props = toChunks('event', JSON.stringify(event));
  withinRowLimit(props, 'meeting event');
  return { partitionKey, rowKey: eventRowKey(event.id), kind: event.kind, at: timeValue(event.at), ...props };
}

/** Reads an event row back, with what orders it: its time, then when the server stored it. */
export function parseEventRow(entity: TableEntityResult<Record<string, unknown>>): { event: MeetingEvent; at: number; storedAt: string } {
  const event = JSON.parse(fromChunks('event', entity)) as MeetingEvent;
  return { event, at: event.at, storedAt: entity.timestamp ?? '' };
}
