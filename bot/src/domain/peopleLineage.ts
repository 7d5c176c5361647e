/**
 * Where a lesson's people record came from. The reducer changes one person at a time, always through
 * {@link peopleWithPerson}, which notes the record it started from and the person it put in. What is
 * worked out once per record (who is present, when the lesson began) can then be carried over from
 * the earlier record by looking at that one person, instead of at everyone again on every event.
 * Records read from storage or built by hand have no lineage and are worked out in full.
 */
import type { MeetingState, PersonRecord } from './types.js';

/** A lesson's people, by key. */
export type People = MeetingState['people'];

/** A people record made from an earlier one by putting one person in (replacing theirs, or adding them). */
export interface PersonChange {
  before: People;
  person: PersonRecord;
}

// Records are never mutated, so their lineage holds for as long as they are held.
const lineage = new WeakMap<People, PersonChange>();

/** `before` with `person` stored under their id, its lineage noted. */
export function peopleWithPerson(before: People, person: PersonRecord): People {
  const after = { ...before, [person.id]: person };
  lineage.set(after, { before, person });
  return after;
}

/** How `people` was made from an earlier record; undefined when it was not made by {@link peopleWithPerson}. */
export function changeOf(people: People): PersonChange | undefined {
  return lineage.get(people);
}
