/**
 * Facts about the lesson as a whole that several rules share: when it began, whether pupils took
 * part, whether it is being recorded.
 */
import { firstJoinAt, isStaff, presentPeople } from './presence.js';
import { changeOf, type People } from './peopleLineage.js';
import type { MeetingState, PersonRecord } from './types.js';

const MINUTE = 60_000;

/** Milliseconds in `minutes`. */
export function minutes(minutes: number): number {
  return minutes * MINUTE;
}

/** What the people of a lesson say about its run: the first join, and how many pupils ever joined. */
interface Attendance {
  firstJoinAt?: number;
  /** People counted as pupils (not staff) who have joined at some point. */
  pupilsJoined: number;
}

// Worked out once per people record (states are never mutated) for the several rules that ask.
const attendanceByPeople = new WeakMap<People, Attendance>();

function attendanceOf(state: MeetingState): Attendance {
  let attendance = attendanceByPeople.get(state.people);
  if (!attendance) {
    attendance = carriedOver(state.people) ?? Object.values(state.people).reduce(withAttendee, { pupilsJoined: 0 });
    attendanceByPeople.set(state.people, attendance);
  }
  return attendance;
}

/** `attendance` counting `person` too. */
function withAttendee(attendance: Attendance, person: PersonRecord): Attendance {
  const at = firstJoinAt(person);
  if (at === undefined) return attendance;
  return {
    firstJoinAt: attendance.firstJoinAt === undefined ? at : Math.min(attendance.firstJoinAt, at),
    pupilsJoined: attendance.pupilsJoined + (isStaff(person) ? 0 : 1),
  };
}

/**
 * The attendance of a record made from an earlier one by putting one person in (peopleLineage.ts):
 * the earlier count without that person as they were, with them as they are now. A person's marks are
 * only ever added to, so their first join never moves later and the earliest join stays a minimum;
 * undefined when the earlier attendance is not known, or the marks were rewritten after all.
 */
function carriedOver(people: People): Attendance | undefined {
  const change = changeOf(people);
  const earlier = change && attendanceByPeople.get(change.before);
  if (!change || !earlier) return undefined;
  const replaced = change.before[change.person.id];
  const wasFirst = replaced === undefined ? undefined : firstJoinAt(replaced);
  const isFirst = firstJoinAt(change.person);
  if (wasFirst !== undefined && (isFirst === undefined || isFirst > wasFirst)) return undefined;
  // The earlier count included the person as they were only if they had joined as a pupil.
  const wasCounted = replaced !== undefined && wasFirst !== undefined && !isStaff(replaced);
  return withAttendee({ ...earlier, pupilsJoined: earlier.pupilsJoined - (wasCounted ? 1 : 0) }, change.person);
}

/** When the lesson began: Teams' start event, else the first join we saw (start events go missing). */
export function sessionStartAt(state: MeetingState): number | undefined {
  return state.startedAt ?? attendanceOf(state).firstJoinAt;
}

/** Whether any pupil (or guest, or unknown person) has joined at any point: a pupil session. */
export function hadPupils(state: MeetingState): boolean {
  return attendanceOf(state).pupilsJoined > 0;
}

/** Whether the lesson is running: not ended, and started or someone is in it. */
export function isLive(state: MeetingState): boolean {
  return state.endedAt === undefined && (state.startedAt !== undefined || presentPeople(state).length > 0);
}

/** Whether the lesson is being recorded, as Teams reports it or as a member of staff ticked it. */
export function isRecording(state: MeetingState): boolean {
  return state.recording === true || state.checklist.recordingStarted?.ticked === true;
}
