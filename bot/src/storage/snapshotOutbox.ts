/**
 * The outbox on a lesson's snapshot row: events applied since the last flush, in order. Writing
 * an event into the snapshot it already replaces costs one single-entity update instead of an
 * entity-group transaction (event row + snapshot), about half the storage work per event. Every
 * so often the outbox is flushed into `evt-` rows in one transaction, so the row stays small.
 */
import type { MeetingEvent } from '../domain/types.js';
import { fromChunks, MAX_ROW_CHARS, toChunks } from './properties.js';

/** Events the outbox holds before a flush (a flush is then 18 sub-requests, far below 100). */
export const OUTBOX_MAX_EVENTS = 16;
/** Characters of outbox JSON before a flush, so the hot row stays a few chunks long. */
export const OUTBOX_MAX_CHARS = 64_000;
const OUTBOX = 'outbox';

/** The outbox as chunked properties of the snapshot row. */
export function outboxProps(events: readonly MeetingEvent[]): Record<string, string | number> {
  return toChunks(OUTBOX, JSON.stringify(events));
}

/** The outbox stored on a snapshot row; empty for rows written before outboxes existed. */
export function parseOutbox(entity: Record<string, unknown>): MeetingEvent[] {
  if (entity[`${OUTBOX}Chunks`] === undefined) return [];
  return JSON.parse(fromChunks(OUTBOX, entity)) as MeetingEvent[];
}

/**
 * Whether an outbox of `count` events and `outboxChars` characters may stay on the row: few
 * enough, small enough, and leaving the whole row (lesson data plus outbox) under the entity cap.
 */
export function fitsInOutbox(count: number, outboxChars: number, lessonChars: number): boolean {
  return count <= OUTBOX_MAX_EVENTS && outboxChars <= OUTBOX_MAX_CHARS && lessonChars + outboxChars <= MAX_ROW_CHARS;
}
