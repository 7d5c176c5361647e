/**
 * A lesson's snapshot row (RowKey `state`) in the compact layout: the lesson's state as of some
 * event (`base<chunk>`), its alert book and deliveries as they are now, the outbox slots
 * (snapshotOutbox.ts), and `replayFrom`, the first slot whose event the stored state does not hold
 * yet. Reading the row applies those newer events to the stored state (domain/stateAfter.ts), so an
 * event is recorded by merging one slot, a few hundred bytes, rather than rewriting the whole lesson;
 * the state is written whole only when the outbox is flushed (or a caller gives a state of its own).
 * Rows written before this layout keep the whole state in `state<chunk>` and still read; their next
 * write puts them in this layout. Pure mapping between domain values and entities.
 */
import type { TransactionAction } from '@azure/data-tables';
import type { Delivery } from '../app/delivery/delivery.js';
import type { LessonBook, MeetingKey } from '../app/ports.js';
import { stateAfter } from '../domain/stateAfter.js';
import type { AlertBook, MeetingEvent, MeetingState } from '../domain/types.js';
import { pageRows } from './eventPages.js';
import { STATE_ROW, withinRowLimit, type Row } from './meetingRows.js';
import { asciiJson, fromChunks, textChunks } from './properties.js';
import { entryProps, OUTBOX_COUNT, outboxProps, parseOutboxEntries, type OutboxEntry } from './snapshotOutbox.js';
import { parseRevision, REVISION, SnapshotVersion, type CompactParts } from './snapshotVersion.js';

const BASE = 'base';
const OLD_STATE = 'state';
const REPLAY_FROM = 'replayFrom';

/** A lesson as read from its snapshot row, and the version of the row it was read at. */
export interface ReadLesson {
  book: LessonBook & { deliveries: Delivery[] };
  version: SnapshotVersion;
}

// Lessons are never mutated (a change makes new objects), and the lesson path keeps the alert book and deliveries of
// the previous event when they did not change: so their JSON is worked out once per change, not on every event.
const jsonOf = new WeakMap<object, string>();

/** `value` as the ASCII-only JSON a row stores, worked out once per object. */
function storedJson(value: object): string {
  // A lesson without deliveries passes a fresh `[]` each time: nothing to remember it by.
  if (Array.isArray(value) && value.length === 0) return '[]';
  let text = jsonOf.get(value);
  if (text === undefined) {
    text = asciiJson(JSON.stringify(value));
    jsonOf.set(value, text);
  }
  return text;
}

/** The texts a whole-lesson write stores. */
function lessonTexts(book: LessonBook): { state: string; alerts: string; deliveries: string } {
  return {
    state: asciiJson(JSON.stringify(book.state)),
    alerts: storedJson(book.alerts),
    deliveries: storedJson(book.deliveries ?? []),
  };
}

/** A lesson's state, alert book and deliveries as the chunked properties a whole-lesson write stores. */
export function lessonProps(book: LessonBook): Record<string, string | number> {
  return chunked(lessonTexts(book));
}

function chunked(texts: ReturnType<typeof lessonTexts>): Record<string, string | number> {
  return {
    ...textChunks(BASE, texts.state),
    ...textChunks('alerts', texts.alerts),
    ...textChunks('deliveries', texts.deliveries),
  };
}

/**
 * The whole snapshot row: `book` as the stored state, with `outbox` in its slots (all held by that
 * state). Its size is not checked here: see {@link rowChars} and `withinRowLimit`.
 */
export function wholeRow(
  partitionKey: string,
  key: MeetingKey,
  book: LessonBook,
  outbox: OutboxEntry['event'][],
  revision: number,
): { row: Row; compact: CompactParts } {
  const texts = lessonTexts(book);
  const slots = outboxProps(outbox);
  const lesson = { ...chunked(texts), ...slots.props };
  const row: Row = {
    partitionKey,
    rowKey: STATE_ROW,
    tenantId: key.tenantId,
    meetingId: key.meetingId,
    [REVISION]: revision,
    ...lesson,
    [REPLAY_FROM]: outbox.length,
  };
  const compact: CompactParts = {
    stateChars: texts.state.length,
    entryChars: slots.chars,
    alertsText: texts.alerts,
    deliveriesText: texts.deliveries,
    hasAddress: book.state.address !== undefined,
  };
  return { row, compact };
}

/**
 * The merge that appends `entry` in slot `slot` of a compact row, with the alert book and deliveries
 * only where they differ from what the row holds, and what the row holds after it.
 */
export function appendedProps(
  partitionKey: string,
  parts: CompactParts,
  slot: number,
  entry: OutboxEntry,
  book: LessonBook,
  revision: number,
): { props: Row; compact: CompactParts } {
  const written = entryProps(slot, entry);
  const merged = bookProps(partitionKey, parts, { alerts: book.alerts, deliveries: book.deliveries ?? [] }, revision);
  const hasAddress = parts.hasAddress || book.state.address !== undefined;
  return {
    props: { ...merged.props, [OUTBOX_COUNT]: slot + 1, ...written.props },
    compact: { ...merged.compact, entryChars: parts.entryChars + written.chars, hasAddress },
  };
}

/**
 * The merge that stores `book`'s alert book and deliveries on a compact row (those that changed; deliveries left out
 * stay as stored), keeping the rest.
 */
export function bookProps(
  partitionKey: string,
  parts: CompactParts,
  book: Pick<LessonBook, 'alerts' | 'deliveries'>,
  revision: number,
): { props: Row; compact: CompactParts } {
  const alertsText = storedJson(book.alerts);
  const deliveriesText = book.deliveries ? storedJson(book.deliveries) : parts.deliveriesText;
  const props: Row = {
    partitionKey,
    rowKey: STATE_ROW,
    [REVISION]: revision,
    ...(alertsText === parts.alertsText ? {} : textChunks('alerts', alertsText)),
    ...(deliveriesText === parts.deliveriesText ? {} : textChunks('deliveries', deliveriesText)),
  };
  return { props, compact: { ...parts, alertsText, deliveriesText } };
}

/** Characters a compact row holds: its state, alert book, deliveries and outbox entries. */
export function rowChars(parts: CompactParts): number {
  return parts.stateChars + parts.alertsText.length + parts.deliveriesText.length + parts.entryChars;
}

/**
 * The transaction that writes `book` whole over `base` (or creates the row) with an empty outbox and
 * puts the `outbox` events on a page (eventPages.ts). The snapshot goes first so a stale ETag fails as
 * 412 before the page is tried.
 */
export function flushTransaction(
  partitionKey: string,
  key: MeetingKey,
  book: LessonBook,
  base: SnapshotVersion | undefined,
  outbox: readonly MeetingEvent[],
): { actions: TransactionAction[]; compact: CompactParts; revision: number } {
  const revision = (base?.revision ?? 0) + 1;
  const snapshot = wholeRow(partitionKey, key, book, [], revision);
  withinRowLimit(snapshot.row, 'lesson snapshot');
  const actions: TransactionAction[] = [
    base === undefined ? ['create', snapshot.row] : ['update', snapshot.row, 'Replace', { etag: base.etag }],
    ...pageRows(partitionKey, revision, outbox).map((page): TransactionAction => ['create', page]),
  ];
  return { actions, compact: snapshot.compact, revision };
}

/** Reads a snapshot row (either layout) into the lesson as it stands now and the row's version. */
export function readSnapshotRow(entity: Record<string, unknown> & { etag: string }): ReadLesson {
  const { entries, chars } = parseOutboxEntries(entity);
  const events = entries.map((entry) => entry.event);
  const alertsText = fromChunks('alerts', entity);
  const alerts = JSON.parse(alertsText) as AlertBook;
  const revision = parseRevision(entity);
  if (typeof entity[OUTBOX_COUNT] !== 'number') {
    // The older layout: the stored state already holds every outbox event.
    const deliveries = entity['deliveriesChunks'] === undefined ? [] : parseJson<Delivery[]>('deliveries', entity);
    const state = parseJson<MeetingState>(OLD_STATE, entity);
    return { book: { state, alerts, deliveries }, version: new SnapshotVersion(entity.etag, revision, events) };
  }
  const stateText = fromChunks(BASE, entity);
  const deliveriesText = fromChunks('deliveries', entity);
  const replayFrom = typeof entity[REPLAY_FROM] === 'number' ? entity[REPLAY_FROM] : entries.length;
  let state = JSON.parse(stateText) as MeetingState;
  for (const entry of entries.slice(replayFrom)) state = stateAfter(state, entry.event, entry.address);
  const compact: CompactParts = {
    stateChars: stateText.length,
    entryChars: chars,
    alertsText,
    deliveriesText,
    hasAddress: state.address !== undefined,
  };
  return {
    book: { state, alerts, deliveries: JSON.parse(deliveriesText) as Delivery[] },
    version: new SnapshotVersion(entity.etag, revision, events, compact),
  };
}

function parseJson<T>(name: string, entity: Record<string, unknown>): T {
  return JSON.parse(fromChunks(name, entity)) as T;
}
