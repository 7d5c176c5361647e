/**
 * Facts about the lesson as a whole that several rules share: when it began, whether pupils took
 * part, whether it is being recorded.
 */
import { firstJoinAt, isStaff, presentPeople } from './presence.js';
import type { MeetingState } from './types.js';

const MINUTE = 60_000;

/** Milliseconds in `minutes`. */
export function minutes(minutes: number): number {
  return minutes * MINUTE;
}

/** What the people of a lesson say about its run: the first join, and whether a pupil ever joined. */
interface Attendance {
  firstJoinAt?: number;
  hadPupils: boolean;
}

// Worked out once per people record (states are never mutated) for the several rules that ask.
const attendanceByPeople = new WeakMap<MeetingState['people'], Attendance>();

function attendanceOf(state: MeetingState): Attendance {
  let attendance = attendanceByPeople.get(state.people);
  if (!attendance) {
    attendance = { hadPupils: false };
    for (const person of Object.values(state.people)) {
      const at = firstJoinAt(person);
      if (at === undefined) continue;
      if (attendance.firstJoinAt === undefined || at < attendance.firstJoinAt) attendance.firstJoinAt = at;
      if (!isStaff(person)) attendance.hadPupils = true;
    }
    attendanceByPeople.set(state.people, attendance);
  }
  return attendance;
}

/** When the lesson began: Teams' start event, else the first join we saw (start events go missing). */
export function sessionStartAt(state: MeetingState): number | undefined {
  return state.startedAt ?? attendanceOf(state).firstJoinAt;
}

/** Whether any pupil (or guest, or unknown person) has joined at any point: a pupil session. */
export function hadPupils(state: MeetingState): boolean {
  return attendanceOf(state).hadPupils;
}

/** Whether the lesson is running: not ended, and started or someone is in it. */
export function isLive(state: MeetingState): boolean {
  return state.endedAt === undefined && (state.startedAt !== undefined || presentPeople(state).length > 0);
}

/** Whether the lesson is being recorded, as Teams reports it or as a member of staff ticked it. */
export function isRecording(state: MeetingState): boolean {
  return state.recording === true || state.checklist.recordingStarted?.ticked === true;
}
