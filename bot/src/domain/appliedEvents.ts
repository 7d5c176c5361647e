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
 * event not applied before ({@link seenBefore}, and the store for `unknown`). The window's times are
 * an array beside its ids, so an event costs two short array copies, never a copy of a keyed record.
 */
export function withApplied(state: MeetingState, event: Pick<MeetingEvent, 'id' | 'at'>): MeetingState {
  const place = lowerBound(state.applied, event.id);
  const before = recordedTimes(state);
  const applied = [...state.applied.slice(0, place), event.id, ...state.applied.slice(place)];
  const times = [...before.slice(0, place), event.at, ...before.slice(place)];
  let appliedThrough = state.appliedThrough;
  // Usually one id leaves a full window: a linear scan for the oldest, no sort, on every event.
  while (applied.length > APPLIED_WINDOW) {
    const oldest = oldestIndex(applied, times);
    appliedThrough = Math.max(appliedThrough ?? -Infinity, times[oldest]!);
    applied.splice(oldest, 1);
    times.splice(oldest, 1);
  }
  return {
    ...withoutOlderTimes(state),
    applied,
    appliedTimes: times,
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

/**
 * The time of each id in the window, in the window's order. Lessons stored before the times were an
 * array kept them in a record by id (`appliedAt`), and lessons from before the bound kept none: an
 * id with no recorded time counts as the lesson's newest event time, never earlier than it happened,
 * so the watermark it raises stays sound; with no event time either, as the latest time there is.
 */
function recordedTimes(state: MeetingState): readonly number[] {
  if (state.appliedTimes?.length === state.applied.length) return state.appliedTimes;
  const recorded = state.appliedAt ?? {};
  const fallback = state.lastEventAt ?? UNKNOWN_TIME;
  return state.applied.map((id) => {
    const at = Object.hasOwn(recorded, id) ? recorded[id] : undefined;
    return typeof at === 'number' ? at : fallback;
  });
}

/** `state` without the record of times by id that lessons stored before the times were an array. */
function withoutOlderTimes(state: MeetingState): MeetingState {
  if (state.appliedAt === undefined) return state;
  const { appliedAt: _older, ...rest } = state;
  return rest;
}

/** Binary search in the sorted window. */
function inWindow(applied: readonly string[], id: string): boolean {
  return applied[lowerBound(applied, id)] === id;
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
