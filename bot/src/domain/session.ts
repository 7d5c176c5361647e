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

/** When the lesson began: Teams' start event, else the first join we saw (start events go missing). */
export function sessionStartAt(state: MeetingState): number | undefined {
  if (state.startedAt !== undefined) return state.startedAt;
  let first: number | undefined;
  for (const person of Object.values(state.people)) {
    const at = firstJoinAt(person);
    if (at !== undefined && (first === undefined || at < first)) first = at;
  }
  return first;
}

/** Whether any pupil (or guest, or unknown person) has joined at any point: a pupil session. */
export function hadPupils(state: MeetingState): boolean {
  return Object.values(state.people).some((p) => !isStaff(p) && firstJoinAt(p) !== undefined);
}

/** Whether the lesson is running: not ended, and started or someone is in it. */
export function isLive(state: MeetingState): boolean {
  return state.endedAt === undefined && (state.startedAt !== undefined || presentPeople(state).length > 0);
}

/** Whether the lesson is being recorded, as Teams reports it or as a member of staff ticked it. */
export function isRecording(state: MeetingState): boolean {
  return state.recording === true || state.checklist.recordingStarted?.ticked === true;
}
