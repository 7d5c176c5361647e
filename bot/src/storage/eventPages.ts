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

/** RowKeys of pages start with this. */
const PAGE_PREFIX = 'evp-';
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
 * the row cap, filled in one pass. Throws when a single event is too big for a row.
 */
export function pageRows(partitionKey: string, revision: number, events: readonly MeetingEvent[]): Row[] {
  const rowOf = (page: Page): Row => {
    const row: Row = {
      partitionKey,
      rowKey: joinKey([`${PAGE_PREFIX}${String(revision).padStart(10, '0')}-${page.ids[0]}`]),
      [FIRST]: page.first,
      [PAGE_IDS]: asciiJson(JSON.stringify(page.ids)),
      ...textChunks(EVENTS, `[${page.texts.join(',')}]`),
    };
    withinRowLimit(row, 'meeting event');
    return row;
  };
  const pages: Row[] = [];
  let page = emptyPage(0);
  events.forEach((event, index) => {
    const text = asciiJson(JSON.stringify(event));
    const idChars = asciiJson(JSON.stringify(event.id)).length + 1;
    const fits =
      page.chars + text.length + 1 + page.idsChars + idChars <= PAGE_CHARS && page.idsChars + idChars <= MAX_IDS_CHARS;
    if (page.texts.length > 0 && !fits) {
      pages.push(rowOf(page));
      page = emptyPage(index);
    }
    page.texts.push(text);
    page.ids.push(event.id);
    page.chars += text.length + 1;
    page.idsChars += idChars;
  });
  if (page.texts.length > 0) pages.push(rowOf(page));
  return pages;
}

/** A page being filled: the place of its first event in the flush, its events' JSON and ids, and their sizes. */
interface Page {
  first: number;
  texts: string[];
  ids: string[];
  chars: number;
  idsChars: number;
}

function emptyPage(first: number): Page {
  // Both sizes start with the two brackets of their JSON array.
  return { first, texts: [], ids: [], chars: 2, idsChars: 2 };
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
