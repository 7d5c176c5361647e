import type { MeetingState, PersonRecord } from '../../domain/types.js';
import type { Stamp } from './statusView.js';

/** A person's name as staff see it; a member of staff the lesson has not seen is named by role. */
export function nameOf(state: MeetingState, id: string): string {
  return state.people[id]?.name || 'A member of staff';
}

/** A person's name as staff see it; someone Teams has not named yet is described, not left blank. */
export function displayName(person: PersonRecord): string {
  return person.name || 'Someone not yet identified';
}

/** Who did something (by id and name) and when. */
export function stampOf(state: MeetingState, entry: { by: string; at: number }): Stamp {
  return { by: entry.by, byName: nameOf(state, entry.by), at: entry.at };
}
