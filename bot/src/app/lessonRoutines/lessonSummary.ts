/**
 * Pure: the organizer's end-of-lesson summary (DESIGN.md §2 The rules, end-for-all; it never gives
 * a false all clear): how the lesson ended, every serious alert it raised with whether the DSL has
 * it and what to do now, the warnings that matter, then the closed register (first join, last
 * leave, minutes present per person). A lesson with nothing wrong says so; one with a serious alert
 * never reads as needing no action.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { isStaff, presenceIntervals } from '../../domain/presence.js';
import { buildRegister } from '../../domain/register.js';
import type { MeetingState, Role } from '../../domain/types.js';
import { formatInZone } from '../time.js';
import type { AttendanceLine } from '../meetingControl/mergeAttendance.js';
import type { LessonBook } from '../ports.js';
import { findingsSection } from './summaryLines.js';

/** How the lesson closed. */
export interface LessonClosing {
  /** Teams reported the meeting over for everyone ("End meeting", or the last person left). */
  endedForEveryone: boolean;
  endedAt?: number;
  /** Every pupil had left before the end; undefined when no pupil took part. */
  pupilsOutFirst?: boolean;
}

/** Teams' attendance report as merged into the register, or why it could not be. */
export type AttendanceSource = { lines: AttendanceLine[] } | { unavailable: string };

/** One person on the summary. */
interface SummaryRow {
  name: string;
  role: Role | 'seen only by Teams';
  firstJoinAt?: number;
  lastLeaveAt?: number;
  minutes: number;
}

/** How the lesson closed: ended for everyone, and whether the pupils had left before that. */
export function lessonClosing(state: MeetingState): LessonClosing {
  const people = Object.values(state.people).filter((p) => p.marks.some((m) => m.type === 'join'));
  const lastLeave = (stays: ReturnType<typeof presenceIntervals>) => stays.at(-1)?.to;
  const staffLeft = people.filter(isStaff).map((p) => lastLeave(presenceIntervals(p)));
  const end =
    state.endedAt ?? (staffLeft.every((t) => t !== undefined) ? Math.max(...(staffLeft as number[])) : undefined);
  const pupils = people.filter((p) => !isStaff(p));
  const closing: LessonClosing = { endedForEveryone: state.endedAt !== undefined };
  if (state.endedAt !== undefined) closing.endedAt = state.endedAt;
  if (pupils.length) {
    // A pupil still in at the end is closed by it at that instant (the reducer's end mark), so "before" is strict.
    closing.pupilsOutFirst =
      end !== undefined &&
      pupils.every((p) => {
        const left = lastLeave(presenceIntervals(p));
        return left !== undefined && left < end;
      });
  }
  return closing;
}

/** The summary card: title and plain lines, for `Notifier.sendToStaff`. */
export function lessonSummary(
  record: Pick<LessonBook, 'state' | 'alerts' | 'deliveries'>,
  policy: Policy,
  now: number,
  attendance?: AttendanceSource,
): { title: string; lines: string[] } {
  const { state } = record;
  const time = (at?: number) => (at === undefined ? '-' : formatInZone(at, policy.school.timeZone).slice(11));
  const closing = lessonClosing(state);
  const findings = findingsSection(record, policy, closing, now, time);
  const lines: string[] = [...(closing.endedForEveryone ? [closingLine(closing, time)] : []), ...findings.lines];

  const rows = attendance && 'lines' in attendance ? mergedRows(state, attendance.lines) : ownRows(state, now);
  lines.push(
    rows.length ? 'Register (first joined, last left, minutes present):' : 'Nobody is on the register for this lesson.',
  );
  for (const row of rows)
    lines.push(`• ${row.name} (${row.role}): ${time(row.firstJoinAt)} to ${time(row.lastLeaveAt)}, ${row.minutes} min`);
  if (attendance && 'lines' in attendance)
    lines.push("The register combines what Chaperone saw with Teams' own attendance report.");
  if (attendance && 'unavailable' in attendance)
    lines.push(`${attendance.unavailable} This register is from what Chaperone saw in the meeting.`);
  lines.push('Type "register last" for the full register as a file.');
  const lesson = `"${state.title || 'your lesson'}"`;
  const followUp =
    findings.serious === 0
      ? ''
      : `: ${findings.serious === 1 ? 'a serious problem' : `${findings.serious} serious problems`} to follow up`;
  return { title: `Summary of ${lesson}${followUp}`, lines };
}

function closingLine(closing: LessonClosing, time: (at?: number) => string): string {
  const order = closing.pupilsOutFirst === true ? ', with every pupil out first' : '';
  return `The meeting ended for everyone at ${time(closing.endedAt)}${order}.`;
}

function ownRows(state: MeetingState, now: number): SummaryRow[] {
  return buildRegister(state, now).map((r) => ({
    name: r.name,
    role: r.role,
    minutes: r.minutesPresent,
    ...(r.firstJoinAt === undefined ? {} : { firstJoinAt: r.firstJoinAt }),
    ...(r.lastLeaveAt === undefined ? {} : { lastLeaveAt: r.lastLeaveAt }),
  }));
}

function mergedRows(state: MeetingState, merged: AttendanceLine[]): SummaryRow[] {
  return merged.map((line) => {
    const person = line.personId ? state.people[line.personId] : undefined;
    const first = line.intervals[0]?.joinAt;
    const last = line.intervals.at(-1)?.leaveAt;
    return {
      name: line.name,
      role: person ? (isStaff(person) ? 'staff' : person.role) : 'seen only by Teams',
      minutes: line.minutes,
      ...(first === undefined ? {} : { firstJoinAt: first }),
      ...(last === undefined ? {} : { lastLeaveAt: last }),
    };
  });
}
