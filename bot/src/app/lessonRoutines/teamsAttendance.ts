/**
 * Reads Teams' attendance report for a lesson through Graph and merges it into what the bot saw
 * (DESIGN.md §6 Talking to Teams and Graph). Used at lesson end and by the later retries: Teams
 * writes the report only some minutes after the meeting ends, and Graph may be refused or down.
 */
import { presenceIntervals } from '../../domain/presence.js';
import { sessionStartAt } from '../../domain/session.js';
import type { AttendanceMergeLine, MeetingState } from '../../domain/types.js';
import { mergeAttendance, type AttendanceLine, type ObservedAttendee } from '../meetingControl/mergeAttendance.js';
import { GraphPermissionError, type MeetingControl } from '../meetingControl/ports.js';
import type { Logger } from '../ports.js';

/** The merged register, or why there is none; `retry` when asking again later may succeed. */
export type TeamsAttendance = { lines: AttendanceLine[] } | { unavailable: string; retry: boolean };

/** What the bot itself saw of each person, in the shape the merge takes. */
export function observedAttendees(state: MeetingState): ObservedAttendee[] {
  return Object.values(state.people).map((p) => ({
    personId: p.id,
    // A person's key is their Entra object id when Teams gave one, else their Teams id.
    ...(p.id !== p.teamsId ? { aadObjectId: p.id } : {}),
    name: p.name,
    intervals: presenceIntervals(p).map((s) =>
      s.to === undefined ? { joinAt: s.from } : { joinAt: s.from, leaveAt: s.to },
    ),
  }));
}

/** The merged register as the `attendanceMerged` audit event keeps it: ids and minutes, no names. */
export function auditLines(lines: AttendanceLine[]): AttendanceMergeLine[] {
  return lines.map((l) => ({
    ...(l.personId ? { personId: l.personId } : {}),
    ...(l.aadObjectId ? { aadObjectId: l.aadObjectId } : {}),
    minutes: l.minutes,
    seenBy: l.seenBy,
  }));
}

/** Fetches Teams' report for the lesson that closed at `closedAt` and merges it into the bot's register. */
export async function readTeamsAttendance(
  meetingControl: MeetingControl,
  logger: Logger,
  state: MeetingState,
  closedAt: number,
): Promise<TeamsAttendance> {
  if (!state.joinUrl || !state.organizerId)
    return {
      unavailable: "Teams' attendance report was not added because Chaperone does not know this meeting's link.",
      retry: false,
    };
  try {
    const meeting = await meetingControl.findMeeting(state.organizerId, state.joinUrl);
    if (!meeting)
      return {
        unavailable: "Teams did not return this lesson's meeting, so its attendance report was not added.",
        retry: false,
      };
    const records = await meetingControl.attendanceRecords(meeting, {
      from: sessionStartAt(state) ?? closedAt,
      to: closedAt,
    });
    if (!records.length)
      return {
        unavailable: "Teams' attendance report was not ready yet (Teams writes it a few minutes after a meeting ends).",
        retry: true,
      };
    return { lines: mergeAttendance(observedAttendees(state), records, closedAt) };
  } catch (error) {
    const { name, status } = error as { name?: string; status?: number };
    logger.warn({ error: name, status }, "attendance report could not be read; register from the bot's own events");
    if (error instanceof GraphPermissionError)
      return {
        unavailable: `Teams' attendance report could not be read: ask your IT admin to grant the app ${error.requirement.permission}.`,
        retry: false,
      };
    return { unavailable: "Teams' attendance report could not be read just now.", retry: true };
  }
}
