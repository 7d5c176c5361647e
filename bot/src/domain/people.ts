/**
 * Updates to one person's record, each a pure function returning a new record. The reducer decides
 * which person an event is about; these decide what it changes.
 */
import { compareMarks, isPresent } from './presence.js';
import type { MeetingState, Participant, PersonRecord, PresenceMark } from './types.js';

/** An event's position in time: later (at, id) wins, so delivery order never matters. */
export interface Stamp {
  at: number;
  eventId: string;
}

/** Whether `stamp` is at least as new as `current` (a missing current always loses). */
export function isNewer(stamp: Stamp, current: { at: number; eventId?: string } | undefined): boolean {
  return current === undefined || compareMarks(stamp, { at: current.at, eventId: current.eventId ?? '' }) >= 0;
}

/**
 * The key under which a person is stored: their id if known, else the record with the same Teams id
 * (a leave may name a person only by Teams id), else the id itself for a new record.
 */
export function personKey(state: MeetingState, id: string, teamsId?: string): string {
  if (state.people[id] || !teamsId) return id;
  return Object.values(state.people).find((p) => p.teamsId === teamsId)?.id ?? id;
}

/** A record for someone known only by id so far (a leave or a check that arrived before their join). */
export function placeholder(id: string, teamsId?: string): PersonRecord {
  return { id, teamsId: teamsId ?? id, name: '', role: 'unknown', marks: [], checks: {} };
}

/**
 * Applies a classification carried by a join or a roster check. The newest classification wins,
 * except that someone once seen as a guest is never counted as staff (DESIGN section 3).
 */
export function classify(person: PersonRecord, participant: Participant, stamp: Stamp): PersonRecord {
  const guestSeen = person.guestSeen || participant.role === 'guest';
  const base = isNewer(stamp, person.classified)
    ? { ...person, ...participant, id: person.id, classified: stamp }
    : person;
  const role = guestSeen && base.role === 'staff' ? 'guest' : base.role;
  return guestSeen ? { ...base, role, guestSeen: true } : { ...base, role };
}

/** Adds a presence mark in (at, id) order; a mark whose event id is already there changes nothing. */
export function withMark(person: PersonRecord, mark: PresenceMark): PersonRecord {
  if (person.marks.some((m) => m.eventId === mark.eventId)) return person;
  const marks = [...person.marks, mark].sort(compareMarks);
  return { ...person, marks };
}

/** Brings a person's presence in line with what Teams reports, marking the change with `stamp`. */
export function reconcilePresence(person: PersonRecord, inMeeting: boolean, stamp: Stamp): PersonRecord {
  if (isPresent(person) === inMeeting) return person;
  return withMark(person, {
    eventId: stamp.eventId,
    at: stamp.at,
    type: inMeeting ? 'join' : 'leave',
    reconciled: true,
  });
}
