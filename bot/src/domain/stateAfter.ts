/**
 * A lesson's state after one event: the reducer's result, with the meeting's address (where Teams
 * takes replies) attached the first time one is known. The lesson path computes each new state with
 * it, and the store rebuilds a lesson from its newest events with it, so the two always agree.
 */
import { reduce } from './reducer.js';
import type { MeetingEvent, MeetingState } from './types.js';

/** `state` after `event`; `address` is kept only if the lesson has none yet. */
export function stateAfter(state: MeetingState, event: MeetingEvent, address?: MeetingState['address']): MeetingState {
  const reduced = reduce(state, event);
  return address && !reduced.address ? { ...reduced, address } : reduced;
}
