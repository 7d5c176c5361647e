import { isPresent } from '../../bot/src/domain/presence.js';
import type { MeetingState } from '../../bot/src/domain/types.js';

/** Whether the person with this id is in the lesson now, in this state. */
export const present = (state: MeetingState, id: string): boolean => {
  const person = state.people[id];
  return person !== undefined && isPresent(person);
};
