/** The pieces every part of the lesson record shares: an entry before its time is formatted, and names. */
import type { MeetingState } from '../../domain/types.js';

/** What a timeline entry is about. */
export type EntryKind =
  'lesson' | 'presence' | 'check' | 'breach' | 'alert' | 'told' | 'acknowledged' | 'cleared' | 'card' | 'concern';

/** A timeline entry as the parts build it (the time of day is added once, in the school's zone). */
export interface Entry {
  at: number;
  kind: EntryKind;
  severity?: 'info' | 'warning' | 'critical';
  text: string;
}

/** The name the lesson knows for a person id, or a neutral phrase (a DSL is often not in the lesson). */
export function nameOf(
  state: Pick<MeetingState, 'people'>,
  id: string | undefined,
  otherwise = 'A member of staff',
): string {
  const person = id === undefined ? undefined : state.people[id];
  return person?.name || otherwise;
}

/** "Ms Adams", "Ms Adams and Mr Brown", "Ms Adams, Mr Brown and Mrs Clarke". */
export function listOf(names: readonly string[]): string {
  if (names.length <= 1) return names[0] ?? '';
  return `${names.slice(0, -1).join(', ')} and ${names.at(-1)}`;
}
