/**
 * The outbox on a lesson's snapshot row: events applied since the last flush, in order. Writing
 * an event into the snapshot it already replaces costs one single-entity update instead of an
 * entity-group transaction (event row + snapshot), about half the storage work per event. Every
 * so often the outbox is flushed onto a page (eventPages.ts) in one transaction, so the row stays small.
 *
 * Each event has a slot of its own (`ev<slot>_<chunk>`, with `outboxCount` slots in use), so
 * appending one is a merge of that slot, never a rewrite of the events before it. Rows written
 * before slots existed hold the whole outbox as one JSON array (`outbox<chunk>`); they still read.
 */
import type { MeetingEvent, MeetingState } from '../domain/types.js';
import { fromChunks, MAX_ROW_CHARS, textChunks, asciiJson } from './properties.js';

/**
 * Events the outbox holds before it is flushed: in the background after the event's own write when
 * the lesson path is writing (backgroundFlush.ts), else with the write that would exceed it. A flush
 * rewrites the whole lesson, so the larger the outbox the rarer that is: 32 rather than 16 cut the
 * bytes each event sends to storage by about a quarter in `npm run bench`, and keeps the hot row a
 * few tens of KB.
 */
export const OUTBOX_MAX_EVENTS = 32;
/**
 * Events the outbox may hold while background flushes lose races with the lesson's next events; past
 * it the write that would exceed it flushes (the events go on as few pages as fit, so the transaction
 * stays far below the 100 operations one may hold).
 */
export const OUTBOX_HARD_MAX_EVENTS = 64;
/** Characters of outbox JSON before a flush, so the hot row stays a few chunks long. */
export const OUTBOX_MAX_CHARS = 64_000;
/** The row property counting the slots in use. */
export const OUTBOX_COUNT = 'outboxCount';
const OLD_OUTBOX = 'outbox';

/** One outbox slot: the event, and the meeting's address when this event brought the lesson its first. */
export interface OutboxEntry {
  event: MeetingEvent;
  address?: MeetingState['address'];
}

/** An entry as written: its slot's properties and how many characters they hold. */
export interface EntryWrite {
  props: Record<string, string | number>;
  chars: number;
}

/** The properties of outbox slot `slot` holding `entry`. */
export function entryProps(slot: number, entry: OutboxEntry): EntryWrite {
  const text = asciiJson(JSON.stringify(entry));
  return { props: textChunks(slotName(slot), text), chars: text.length };
}

/** Slots 0.. holding `events` (entries without addresses: the state stored beside them already has every one). */
export function outboxProps(events: readonly MeetingEvent[]): EntryWrite {
  const props: Record<string, string | number> = { [OUTBOX_COUNT]: events.length };
  let chars = 0;
  events.forEach((event, slot) => {
    const entry = entryProps(slot, { event });
    Object.assign(props, entry.props);
    chars += entry.chars;
  });
  return { props, chars };
}

/**
 * The outbox stored on a snapshot row, oldest first, in either layout (empty for rows from before
 * outboxes), with the characters its slots hold.
 */
export function parseOutboxEntries(entity: Record<string, unknown>): { entries: OutboxEntry[]; chars: number } {
  const count = entity[OUTBOX_COUNT];
  if (typeof count === 'number') {
    const texts = Array.from({ length: count }, (_, slot) => fromChunks(slotName(slot), entity));
    const chars = texts.reduce((sum, text) => sum + text.length, 0);
    return { entries: texts.map((text) => JSON.parse(text) as OutboxEntry), chars };
  }
  if (entity[`${OLD_OUTBOX}Chunks`] === undefined) return { entries: [], chars: 0 };
  const text = fromChunks(OLD_OUTBOX, entity);
  return { entries: (JSON.parse(text) as MeetingEvent[]).map((event) => ({ event })), chars: text.length };
}

/** The events in a snapshot row's outbox, oldest first. */
export function parseOutbox(entity: Record<string, unknown>): MeetingEvent[] {
  return parseOutboxEntries(entity).entries.map((entry) => entry.event);
}

/**
 * Whether an outbox of `count` events and `outboxChars` characters may stay on the row: few
 * enough, small enough, and leaving the whole row (lesson data plus outbox) under the entity cap.
 */
export function fitsInOutbox(
  count: number,
  outboxChars: number,
  lessonChars: number,
  maxEvents = OUTBOX_MAX_EVENTS,
): boolean {
  return count <= maxEvents && outboxChars <= OUTBOX_MAX_CHARS && lessonChars + outboxChars <= MAX_ROW_CHARS;
}

function slotName(slot: number): string {
  return `ev${slot}_`;
}
