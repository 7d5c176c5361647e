/**
 * Which events a lesson has applied, in bounded space. A lesson remembers the ids of its newest
 * {@link APPLIED_WINDOW} events (newest by time, then id, so the result does not depend on the order
 * Teams delivers them in) and a watermark: every applied event whose id was dropped from that window
 * happened at or before `appliedThrough`. So an event is
 * - `applied` when its id is in the window (a redelivery, as before the bound);
 * - `new` when it is not in the window and happened after the watermark: no dropped event did;
 * - `unknown` otherwise: a very late redelivery may be one of the dropped events, and only the
 *   lesson's stored events can say (the app asks `MeetingStore.hasEvent`).
 * Pure: no I/O.
 */
import type { MeetingEvent, MeetingState } from './types.js';

/** How many of the newest applied ids a lesson keeps; enough for every redelivery Teams makes in practice. */
export const APPLIED_WINDOW = 256;

/** A time after every event (and, unlike Infinity, kept by JSON): an id of unknown time raises the watermark to it. */
const UNKNOWN_TIME = Number.MAX_SAFE_INTEGER;

/** What the lesson itself can say about an event: applied before, certainly new, or only the store knows. */
export type Seen = 'applied' | 'new' | 'unknown';

/** Whether `event` was applied to `state` before, as far as the bounded window and its watermark tell. */
export function seenBefore(state: MeetingState, event: Pick<MeetingEvent, 'id' | 'at'>): Seen {
  if (inWindow(state.applied, event.id)) return 'applied';
  return state.appliedThrough === undefined || event.at > state.appliedThrough ? 'new' : 'unknown';
}

/** How many distinct events the lesson has applied: grows by one with each, never shrinks (unlike the window). */
export function eventsApplied(state: MeetingState): number {
  // Snapshots from before the bound kept every id, so their window is their count.
  return state.eventCount ?? state.applied.length;
}

/**
 * `state` with `event` recorded as applied: its id joins the window, and when the window is full the
 * oldest ids (by time, then id) leave it and raise the watermark to their times. Call it only for an
 * event not applied before ({@link seenBefore}, and the store for `unknown`).
 */
export function withApplied(state: MeetingState, event: Pick<MeetingEvent, 'id' | 'at'>): MeetingState {
  const applied = insertSorted(state.applied, event.id);
  const times = applied.map(timesOf(state, event));
  const dropped: string[] = [];
  let appliedThrough = state.appliedThrough;
  // Usually one id leaves a full window: a linear scan for the oldest, no sort, on every event.
  while (applied.length > APPLIED_WINDOW) {
    const oldest = oldestIndex(applied, times);
    appliedThrough = Math.max(appliedThrough ?? -Infinity, times[oldest]!);
    dropped.push(...applied.splice(oldest, 1));
    times.splice(oldest, 1);
  }
  return {
    ...state,
    applied,
    appliedAt: timesById(state, event, applied, times, dropped),
    ...(appliedThrough === undefined ? {} : { appliedThrough }),
    eventCount: eventsApplied(state) + 1,
  };
}

/** The position of the oldest id (by time, then id) in the window. */
function oldestIndex(applied: readonly string[], times: readonly number[]): number {
  let oldest = 0;
  for (let i = 1; i < applied.length; i += 1) {
    const [t, best] = [times[i]!, times[oldest]!];
    if (t < best || (t === best && applied[i]! < applied[oldest]!)) oldest = i;
  }
  return oldest;
}

/** `appliedAt` records built here: a time for each id of their window and nothing else. */
const complete = new WeakSet<Record<string, number>>();

/**
 * The window's ids with their times. Copying the previous record with one id added and the dropped
 * removed is far cheaper than defining every key afresh, and gives the same record when the
 * previous one was built here; a record read from storage (or from before the bound) is rebuilt.
 */
function timesById(
  state: MeetingState,
  event: Pick<MeetingEvent, 'id' | 'at'>,
  applied: readonly string[],
  times: readonly number[],
  dropped: readonly string[],
): Record<string, number> {
  const recorded = state.appliedAt;
  let byId: Record<string, number>;
  if (recorded && complete.has(recorded)) {
    byId = { ...recorded };
    // Defined, not assigned, so an id such as `__proto__` is a key like any other.
    Object.defineProperty(byId, event.id, { value: event.at, enumerable: true, writable: true, configurable: true });
    for (const id of dropped) delete byId[id];
  } else {
    byId = Object.fromEntries(applied.map((id, i) => [id, times[i]!]));
  }
  complete.add(byId);
  return byId;
}

/**
 * The time of each id in the window, `event`'s included. An id with no recorded time (a snapshot
 * from before the bound, or one built by hand) counts as the lesson's newest event time: never
 * earlier than it happened, so the watermark it raises stays sound. With no event time either, it
 * counts as the latest time there is.
 */
function timesOf(state: MeetingState, event: Pick<MeetingEvent, 'id' | 'at'>): (id: string) => number {
  const recorded = state.appliedAt ?? {};
  const fallback = state.lastEventAt ?? UNKNOWN_TIME;
  return (id) => {
    if (id === event.id) return event.at;
    const at = Object.hasOwn(recorded, id) ? recorded[id] : undefined;
    return typeof at === 'number' ? at : fallback;
  };
}

/** Binary search in the sorted window. */
function inWindow(applied: readonly string[], id: string): boolean {
  return applied[lowerBound(applied, id)] === id;
}

function insertSorted(applied: readonly string[], id: string): string[] {
  const i = lowerBound(applied, id);
  return [...applied.slice(0, i), id, ...applied.slice(i)];
}

function lowerBound(sorted: readonly string[], id: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if ((sorted[mid] ?? '') < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
