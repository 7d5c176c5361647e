/**
 * Who is in the lesson, worked out per person from their join/leave marks, never per event: two
 * devices, a leave delivered before its join and duplicate deliveries all give the right answer.
 */
import type { MeetingState, PersonRecord, PresenceMark } from './types.js';

/** One stretch of time a person was in the meeting; `to` is undefined while they still are. */
export interface PresenceInterval {
  from: number;
  to?: number;
}

/** Orders marks by time, then event id, so every replica sorts them the same way. */
export function compareMarks(a: Pick<PresenceMark, 'at' | 'eventId'>, b: Pick<PresenceMark, 'at' | 'eventId'>): number {
  return a.at - b.at || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

/**
 * The stretches a person was present: sweeping the marks in order, joins minus leaves (clamped at
 * zero each step, so a stray leave never drives presence negative) above zero means present.
 */
export function presenceIntervals(person: PersonRecord): PresenceInterval[] {
  const intervals: PresenceInterval[] = [];
  let devices = 0;
  for (const mark of person.marks) {
    const before = devices;
    if (mark.reconciled) devices = mark.type === 'join' ? Math.max(1, devices) : 0;
    else devices = mark.type === 'join' ? devices + 1 : Math.max(0, devices - 1);
    if (before === 0 && devices > 0) intervals.push({ from: mark.at });
    const open = intervals[intervals.length - 1];
    if (before > 0 && devices === 0 && open) open.to = mark.at;
  }
  return intervals;
}

/** Whether the person is in the meeting now, by their own marks. */
export function isPresent(person: PersonRecord): boolean {
  const last = presenceIntervals(person).at(-1);
  return last !== undefined && last.to === undefined;
}

/** When the person's current stay began; undefined when they are not present. */
export function presentSince(person: PersonRecord): number | undefined {
  const last = presenceIntervals(person).at(-1);
  return last && last.to === undefined ? last.from : undefined;
}

/** When the person first joined, if ever. */
export function firstJoinAt(person: PersonRecord): number | undefined {
  return person.marks.find((m) => m.type === 'join')?.at;
}

/** Whether the school counts this person as staff. Pupils, guests and unknown people never are. */
export function isStaff(person: PersonRecord): boolean {
  return person.role === 'staff' && !person.guestSeen;
}

// States are never mutated (the reducer copies what changes), so who is present can be worked out
// once per state and shared by every rule that asks.
const presentByState = new WeakMap<MeetingState['people'], PersonRecord[]>();

/** Everyone in the meeting now. */
export function presentPeople(state: MeetingState): PersonRecord[] {
  let present = presentByState.get(state.people);
  if (!present) {
    present = Object.values(state.people).filter(isPresent);
    presentByState.set(state.people, present);
  }
  return present;
}

/** Staff in the meeting now. */
export function staffPresent(state: MeetingState): PersonRecord[] {
  return presentPeople(state).filter(isStaff);
}

/**
 * Pupils in the meeting now, for supervision: pupils, guests (pupils are invited as guests, seed 003
 * line 6) and unknown people (a pupil until shown otherwise).
 */
export function pupilsPresent(state: MeetingState): PersonRecord[] {
  return presentPeople(state).filter((p) => !isStaff(p));
}

/** The time of the newest presence change of anyone; undefined before anyone joined or left. */
export function presenceChangedAt(state: MeetingState): number | undefined {
  let latest: number | undefined;
  for (const person of Object.values(state.people)) {
    const last = person.marks.at(-1);
    if (last && (latest === undefined || last.at > latest)) latest = last.at;
  }
  return latest;
}
