/**
 * The rows of a lesson's partition in the `meetings` table: the snapshot row (`state`, laid out in
 * snapshotRow.ts, with the outbox of recent events, snapshotOutbox.ts) and the events flushed out of
 * it: pages of events (eventPages.ts), and before pages one row per event (`evt-<event id>`), which
 * still read. Pure mapping between domain values and entities.
 */
import type { TableEntity, TableEntityResult } from '@azure/data-tables';
import type { MeetingKey } from '../app/ports.js';
import type { MeetingEvent } from '../domain/types.js';
import { chunkedLength, fromChunks, MAX_ROW_CHARS } from './properties.js';
import { joinKey } from './keys.js';

/** RowKey of the snapshot row. */
export const STATE_ROW = 'state';
/** RowKeys of rows of one event each (written before pages) start with this; `EVENT_ROWS_END` is the first after. */
export const EVENT_ROW_PREFIX = 'evt-';
export const EVENT_ROWS_END = 'evt.';

/** Entity properties as this module writes them. */
export type Row = TableEntity<Record<string, unknown>>;

/** The partition holding one lesson: tenant and meeting id, escaped. */
export function meetingPartition(key: MeetingKey): string {
  return joinKey(['mtg', key.tenantId, key.meetingId]);
}

/** The RowKey of an event's own row, from before pages (escaping keeps the `evt-` prefix intact). */
export function eventRowKey(eventId: string): string {
  return joinKey([`${EVENT_ROW_PREFIX}${eventId}`]);
}

/** Throws when `props` hold more than one row may (`what` names the row in the error). */
export function withinRowLimit(props: Record<string, unknown>, what: string): void {
  if (chunkedLength(props) > MAX_ROW_CHARS) {
    throw new Error(`The ${what} has grown past what one storage row can hold; archive or split the lesson record.`);
  }
}

/** A flushed event with what orders it: its time, when its row was stored, its place among those flushed with it. */
export interface FlushedEvent {
  event: MeetingEvent;
  at: number;
  storedAt: string;
  order: number;
}

/** Reads an event's own row (from before pages) back, with what orders it. */
export function parseEventRow(entity: TableEntityResult<Record<string, unknown>>): FlushedEvent {
  const event = JSON.parse(fromChunks('event', entity)) as MeetingEvent;
  // Rows written one per transaction, before outboxes, have no `order`: each was alone in its write.
  const order = typeof entity['order'] === 'number' ? entity['order'] : 0;
  return { event, at: event.at, storedAt: sortableTimestamp(entity.timestamp ?? ''), order };
}

/**
 * The server's Timestamp to the millisecond, with a fixed-width fraction so text order is time order.
 * Finer digits are dropped: Azurite's sub-millisecond digits are not monotonic across the entities of
 * one transaction, and a trimmed stamp (`...24.55Z`) would sort after a later one (`...24.5501Z`).
 * Two writes of one lesson are round trips apart, so the millisecond orders writes; `order` orders
 * the events inside one write.
 */
export function sortableTimestamp(timestamp: string): string {
  const parts = /^(.*T\d\d:\d\d:\d\d)(?:\.(\d+))?Z$/.exec(timestamp);
  return parts ? `${parts[1]}.${(parts[2] ?? '').padEnd(3, '0').slice(0, 3)}Z` : timestamp;
}

/**
 * A lesson's whole history, oldest first, without repeats: flushed events (by time, then server time,
 * then place in their write; an event flushed twice counts once) followed by the outbox events not yet
 * flushed.
 */
export function inAppliedOrder(rows: FlushedEvent[], outbox: readonly MeetingEvent[]): MeetingEvent[] {
  rows.sort((a, b) => a.at - b.at || a.storedAt.localeCompare(b.storedAt) || a.order - b.order);
  const flushed = new Set<string>();
  const events: MeetingEvent[] = [];
  for (const { event } of rows) {
    if (flushed.has(event.id)) continue;
    flushed.add(event.id);
    events.push(event);
  }
  const pending = outbox.filter((e) => !flushed.has(e.id));
  // A stable sort by time keeps flushed events ahead of outbox events of the same instant.
  return [...events, ...pending].sort((a, b) => a.at - b.at);
}
