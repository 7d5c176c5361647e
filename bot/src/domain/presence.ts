/**
 * Who is in the lesson, worked out per person from their join/leave marks, never per event: two
 * devices, a leave delivered before its join and duplicate deliveries all give the right answer.
 */
import { changeOf, type People } from './peopleLineage.js';
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

// Marks are never mutated (the reducer copies what changes), so a person's stretches are worked out
// once per marks list and shared, frozen, by every rule that asks; a list no longer held is forgotten.
const intervalsByMarks = new WeakMap<readonly PresenceMark[], readonly PresenceInterval[]>();

/**
 * The stretches a person was present: sweeping the marks in order, joins minus leaves (clamped at
 * zero each step, so a stray leave never drives presence negative) above zero means present.
 */
export function presenceIntervals(person: PersonRecord): readonly Readonly<PresenceInterval>[] {
  let known = intervalsByMarks.get(person.marks);
  if (!known) {
    known = Object.freeze(sweep(person.marks).map((interval) => Object.freeze(interval)));
    intervalsByMarks.set(person.marks, known);
  }
  return known;
}

function sweep(marks: readonly PresenceMark[]): PresenceInterval[] {
  const intervals: PresenceInterval[] = [];
  let devices = 0;
  for (const mark of marks) {
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

/** Who is in the meeting now, as the rules ask it. */
interface Presence {
  present: readonly PersonRecord[];
  staff: readonly PersonRecord[];
  pupils: readonly PersonRecord[];
}

// States are never mutated (the reducer copies what changes), so who is present can be worked out
// once per state and shared by every rule that asks.
const presenceByPeople = new WeakMap<People, Presence>();

function presenceOf(state: MeetingState): Presence {
  let presence = presenceByPeople.get(state.people);
  if (!presence) {
    const present = presentIn(state.people);
    presence = { present, staff: present.filter(isStaff), pupils: present.filter((p) => !isStaff(p)) };
    presenceByPeople.set(state.people, presence);
  }
  return presence;
}

/**
 * Who is present in `people`, in the record's order. When the record was made from one whose presence
 * is known by putting one person in, only that person's marks are looked at: everyone else present
 * before still is, in the same order (a walk beside the earlier list, comparing records by identity).
 */
function presentIn(people: People): readonly PersonRecord[] {
  const change = changeOf(people);
  const earlier = change && presenceByPeople.get(change.before)?.present;
  if (!change || !earlier) return Object.values(people).filter(isPresent);
  const replaced = change.before[change.person.id];
  const nowIn = isPresent(change.person);
  const present: PersonRecord[] = [];
  let next = 0;
  for (const person of Object.values(people)) {
    if (person === change.person) {
      if (replaced !== undefined && earlier[next] === replaced) next += 1;
      if (nowIn) present.push(person);
    } else if (earlier[next] === person) {
      present.push(person);
      next += 1;
    }
  }
  return present;
}

/** Everyone in the meeting now. */
export function presentPeople(state: MeetingState): readonly PersonRecord[] {
  return presenceOf(state).present;
}

/** Staff in the meeting now. */
export function staffPresent(state: MeetingState): readonly PersonRecord[] {
  return presenceOf(state).staff;
}

/**
 * Pupils in the meeting now, for supervision: pupils, guests (pupils are invited as guests, seed 003
 * line 6) and unknown people (a pupil until shown otherwise).
 */
export function pupilsPresent(state: MeetingState): readonly PersonRecord[] {
  return presenceOf(state).pupils;
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
