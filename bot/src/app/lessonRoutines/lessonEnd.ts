/**
 * The lesson-end routine (issue 4 "At meeting end", issue 7 "Attendance report"): close the
 * register, merge Teams' own attendance report into it when Graph is configured, record what was
 * merged in the lesson's partition, and send the organizer the summary card. Teams writes its
 * report only after the meeting ends and Graph may be refused or down: then the summary comes
 * from the bot's own register, with a note saying so.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { presenceIntervals } from '../../domain/presence.js';
import { buildRegister } from '../../domain/register.js';
import { sessionStartAt } from '../../domain/session.js';
import type { AttendanceMergeLine, MeetingState } from '../../domain/types.js';
import type { ApplyMeetingEvent } from '../applyMeetingEvent.js';
import { mergeAttendance, type ObservedAttendee } from '../meetingControl/mergeAttendance.js';
import { GraphPermissionError, type MeetingControl } from '../meetingControl/ports.js';
import type { Clock, Logger, MeetingKey, MeetingRecord, Notifier } from '../ports.js';
import { lessonSummary, type AttendanceSource } from './lessonSummary.js';

/** Dependencies of {@link createLessonEndRoutine}. */
export interface LessonEndDeps {
  notifier: Pick<Notifier, 'sendToStaff'>;
  applyEvent: ApplyMeetingEvent;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
  /** Graph meeting control; without it the summary uses the bot's own register only. */
  meetingControl?: MeetingControl;
}

/** Builds the routine `recordMeetingActivity` runs once when a lesson ends. */
export function createLessonEndRoutine(deps: LessonEndDeps) {
  return async function lessonEnded(key: MeetingKey, record: Pick<MeetingRecord, 'state' | 'alerts'>): Promise<void> {
    const { state } = record;
    const now = deps.clock.now();
    const attendance = deps.meetingControl ? await teamsAttendance(deps.meetingControl, deps.logger, state, now) : undefined;
    const closedAt = state.endedAt ?? now;
    const lines: AttendanceMergeLine[] = attendance && 'lines' in attendance
      ? attendance.lines.map((l) => ({ ...(l.personId ? { personId: l.personId } : {}), ...(l.aadObjectId ? { aadObjectId: l.aadObjectId } : {}), minutes: l.minutes, seenBy: l.seenBy }))
      : buildRegister(state, now).map((r) => ({ personId: r.id, minutes: r.minutesPresent, seenBy: ['bot'] }));
    await deps.applyEvent(key, {
      kind: 'attendanceMerged',
      id: `attendance@${closedAt}`,
      at: closedAt,
      source: attendance && 'lines' in attendance ? 'teams' : 'bot',
      lines,
      ...(attendance && 'unavailable' in attendance ? { note: attendance.unavailable } : {}),
    }, state.address);
    if (!state.organizerId) return;
    const { school } = deps.policyFor(key.tenantId);
    await deps.notifier.sendToStaff(key.tenantId, state.organizerId, lessonSummary(state, record.alerts, now, school.timeZone, attendance));
  };
}

/** What the bot itself saw of each person, in the shape the merge takes. */
export function observedAttendees(state: MeetingState): ObservedAttendee[] {
  return Object.values(state.people).map((p) => ({
    personId: p.id,
    // A person's key is their Entra object id when Teams gave one, else their Teams id.
    ...(p.id !== p.teamsId ? { aadObjectId: p.id } : {}),
    name: p.name,
    intervals: presenceIntervals(p).map((s) => (s.to === undefined ? { joinAt: s.from } : { joinAt: s.from, leaveAt: s.to })),
  }));
}

async function teamsAttendance(meetingControl: MeetingControl, logger: Logger, state: MeetingState, now: number): Promise<AttendanceSource> {
  if (!state.joinUrl || !state.organizerId) return { unavailable: 'Teams\' attendance report was not added because Chaperone does not know this meeting\'s link.' };
  const to = state.endedAt ?? now;
  try {
    const meeting = await meetingControl.findMeeting(state.organizerId, state.joinUrl);
    if (!meeting) return { unavailable: 'Teams did not return this lesson\'s meeting, so its attendance report was not added.' };
    const records = await meetingControl.attendanceRecords(meeting, { from: sessionStartAt(state) ?? to, to });
    if (!records.length) return { unavailable: 'Teams\' attendance report was not ready yet (Teams writes it a few minutes after a meeting ends).' };
    return { lines: mergeAttendance(observedAttendees(state), records, to) };
  } catch (error) {
    const { name, status } = error as { name?: string; status?: number };
    logger.warn({ error: name, status }, 'attendance report could not be read; summary from the bot\'s own register');
    if (error instanceof GraphPermissionError) return { unavailable: `Teams' attendance report could not be read: ask your IT admin to grant the app ${error.requirement.permission}.` };
    return { unavailable: 'Teams\' attendance report could not be read just now.' };
  }
}
