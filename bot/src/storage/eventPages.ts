/**
 * Pages of flushed events. When a lesson's outbox is flushed (snapshotWrites.ts) its events move into
 * one row, a page, rather than a row each: the flush is two entity writes (snapshot and page) instead
 * of one per event plus the snapshot, and the transaction carries one set of headers. A page's RowKey
 * is `evp-<revision>-<first event id>`: the revision of the snapshot written with it, zero-padded so
 * pages list in flush order, and the id so no two flushes of the lesson can collide. Events that
 * would not fit one row go on several pages of the same flush.
 *
 * Rows written one per event (`evt-<id>`, meetingRows.ts) before pages still read: both kinds sit in
 * one RowKey range (`evp-` sorts before `evt-`), so one query lists a lesson's whole flushed history.
 * Pure mapping between domain values and entities.
 */
import type { TableEntityResult } from '@azure/data-tables';
import type { MeetingEvent } from '../domain/types.js';
import { joinKey, MAX_KEY_LENGTH } from './keys.js';
import { EVENT_ROWS_END, sortableTimestamp, withinRowLimit, type FlushedEvent, type Row } from './meetingRows.js';
import { asciiJson, fromChunks, MAX_ROW_CHARS, textChunks } from './properties.js';

/** RowKeys of pages start with this; `PAGES_END` is the first key after them. */
export const PAGE_PREFIX = 'evp-';
export const PAGES_END = 'evp.';
/** Every row of flushed events (pages, and the older rows of one event each) has a RowKey in this range. */
export const FLUSHED_START = PAGE_PREFIX;
export const FLUSHED_END = EVENT_ROWS_END;

/** The page property listing its event ids, one string so a lookup by id can select it alone. */
export const PAGE_IDS = 'ids';
/** Below the 32,768-character cap of the one string property holding a page's ids. */
const MAX_IDS_CHARS = 30_000;
/** Characters of events and ids one page holds: the row cap less room for its keys. */
const PAGE_CHARS = MAX_ROW_CHARS - 2 * MAX_KEY_LENGTH;
const EVENTS = 'events';
/** The place of the page's first event among the events flushed with it. */
const FIRST = 'first';

/** Whether a row in the flushed range is a page (otherwise it is an older one-per-event row). */
export function isPage(rowKey: string): boolean {
  return rowKey.startsWith(PAGE_PREFIX);
}

/**
 * The pages holding `events` (oldest first), flushed with the snapshot at `revision`: as few as fit
 * the row cap. Throws when a single event is too big for a row.
 */
export function pageRows(partitionKey: string, revision: number, events: readonly MeetingEvent[]): Row[] {
  const pages: Row[] = [];
  let first = 0;
  while (first < events.length) {
    const texts: string[] = [];
    const ids: string[] = [];
    let chars = 2;
    let idsChars = 2;
    for (const event of events.slice(first)) {
      const text = asciiJson(JSON.stringify(event));
      const idChars = asciiJson(JSON.stringify(event.id)).length + 1;
      const fits = chars + text.length + 1 + idsChars + idChars <= PAGE_CHARS && idsChars + idChars <= MAX_IDS_CHARS;
      if (texts.length > 0 && !fits) break;
      texts.push(text);
      ids.push(event.id);
      chars += text.length + 1;
      idsChars += idChars;
    }
    const rowKey = joinKey([`${PAGE_PREFIX}${String(revision).padStart(10, '0')}-${ids[0]}`]);
    const row: Row = {
      partitionKey,
      rowKey,
      [FIRST]: first,
      [PAGE_IDS]: asciiJson(JSON.stringify(ids)),
      ...textChunks(EVENTS, `[${texts.join(',')}]`),
    };
    withinRowLimit(row, 'meeting event');
    pages.push(row);
    first += texts.length;
  }
  return pages;
}

/** The events a page holds, each with what orders it: its time, when the page was stored, its place in the flush. */
export function parsePage(entity: TableEntityResult<Record<string, unknown>>): FlushedEvent[] {
  const events = JSON.parse(fromChunks(EVENTS, entity)) as MeetingEvent[];
  const first = typeof entity[FIRST] === 'number' ? entity[FIRST] : 0;
  const storedAt = sortableTimestamp(entity.timestamp ?? '');
  return events.map((event, i) => ({ event, at: event.at, storedAt, order: first + i }));
}

/** Whether a page (read with only its ids selected) holds the event. */
export function pageHolds(entity: Record<string, unknown>, eventId: string): boolean {
  const ids = entity[PAGE_IDS];
  return typeof ids === 'string' && (JSON.parse(ids) as string[]).includes(eventId);
}
