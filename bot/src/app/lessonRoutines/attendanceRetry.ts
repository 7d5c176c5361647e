/**
 * Later looks at Teams' attendance report (DESIGN.md §6a Platform realities): Teams writes it some
 * minutes after a meeting ends, so the look at lesson end usually finds nothing. An `attendance`
 * timer asks again a few times (bounded, one chain per lesson because each try's time follows from
 * the lesson's end); a report that appears is merged and recorded as `attendanceMerged`, and the
 * organizer hears about it only when it adds people or minutes Chaperone had missed.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { buildRegister } from '../../domain/register.js';
import type { MeetingState } from '../../domain/types.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import type { AttendanceLine } from '../meetingControl/mergeAttendance.js';
import type { MeetingControl } from '../meetingControl/ports.js';
import type { LessonCards } from '../delivery/lessonCards.js';
import type { Clock, Logger, MeetingKey, MeetingStore, TimerStore } from '../ports.js';
import type { TimerHandler } from '../lesson/sweepTimers.js';
import { timerSlot } from '../lesson/timerSlot.js';
import { auditLines, readTeamsAttendance } from './teamsAttendance.js';

/** The timer reason of a later look at Teams' attendance report. */
export const ATTENDANCE_REASON = 'attendance';

/** Minutes after the lesson's end at which the report is asked for again; then Chaperone stops. */
const RETRY_AFTER_MINUTES = [5, 15, 45];
/** Dependencies of {@link createAttendanceRetry}. */
export interface AttendanceRetryDeps {
  meetingControl: MeetingControl;
  meetings: Pick<MeetingStore, 'load'>;
  timers: Pick<TimerStore, 'schedule'>;
  applyEvent: ApplyMeetingEvent;
  cards: LessonCards;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
}

/** The retry: `scheduleNext` from the lesson-end routine, `onTimer` for the sweep's `attendance` timers. */
export interface AttendanceRetry {
  /** Schedules the next try for a lesson that ended at `endedAt`; false when no try is left. */
  scheduleNext(key: MeetingKey, endedAt: number): Promise<boolean>;
  /** The sweep's handler for a due `attendance` timer. */
  onTimer: TimerHandler;
}

/** Builds the attendance report retry. */
export function createAttendanceRetry(deps: AttendanceRetryDeps): AttendanceRetry {
  async function scheduleNext(key: MeetingKey, endedAt: number): Promise<boolean> {
    const now = deps.clock.now();
    const next = RETRY_AFTER_MINUTES.map((m) => timerSlot(endedAt + m * 60_000)).find((dueAt) => dueAt > now);
    if (next === undefined) return false;
    await deps.timers.schedule(key, next, ATTENDANCE_REASON);
    return true;
  }

  async function onTimer(timer: { key: MeetingKey }): Promise<void> {
    const { key } = timer;
    const state = (await deps.meetings.load(key))?.state;
    // A lesson reopened since (a later start) gets its own tries when it ends again.
    if (state?.endedAt === undefined) return;
    const attendance = await readTeamsAttendance(deps.meetingControl, deps.logger, state, state.endedAt);
    if ('lines' in attendance) return merge(key, state, state.endedAt, attendance.lines);
    if (attendance.retry && (await scheduleNext(key, state.endedAt))) return;
    if (!state.organizerId) return;
    await deps.cards.queue(key, {
      cause: `attendance-stopped@${state.endedAt}`,
      to: state.organizerId,
      role: 'organizer',
      title: `Attendance report for "${state.title || 'your lesson'}"`,
      lines: [
        attendance.unavailable,
        'Chaperone has stopped looking for it: the register for this lesson stays as Chaperone saw it. Type "register last" for it as a file.',
      ],
    });
  }

  async function merge(key: MeetingKey, state: MeetingState, endedAt: number, lines: AttendanceLine[]): Promise<void> {
    const outcome = await deps.applyEvent(
      key,
      {
        kind: 'attendanceMerged',
        id: `attendance-report@${endedAt}`,
        at: deps.clock.now(),
        source: 'teams',
        lines: auditLines(lines),
      },
      state.address,
    );
    // A duplicate means this report was merged (and the organizer told) before.
    if (outcome.outcome !== 'applied' || !state.organizerId) return;
    const card = attendanceFollowUp(state, endedAt, lines);
    if (card)
      await deps.cards.queue(key, {
        cause: `attendance-report@${endedAt}`,
        to: state.organizerId,
        role: 'organizer',
        ...card,
      });
  }

  return { scheduleNext, onTimer };
}

/**
 * Pure: the organizer's follow-up card when Teams' report adds to the register they were sent (a
 * person only Teams saw, or more minutes than Chaperone counted); undefined when it adds nothing.
 */
export function attendanceFollowUp(
  state: MeetingState,
  endedAt: number,
  merged: AttendanceLine[],
): { title: string; lines: string[] } | undefined {
  const counted = new Map(buildRegister(state, endedAt).map((row) => [row.id, row.minutesPresent]));
  const added = merged.filter((line) => !line.personId || line.minutes > (counted.get(line.personId) ?? 0));
  if (!added.length) return undefined;
  return {
    title: `Attendance report for "${state.title || 'your lesson'}"`,
    lines: [
      "Teams' attendance report is now ready and adds to the register in your lesson summary:",
      ...added.map((line) =>
        line.personId
          ? `• ${line.name}: ${line.minutes} min present (Chaperone counted ${counted.get(line.personId) ?? 0} min)`
          : `• ${line.name} (seen only by Teams): ${line.minutes} min present`,
      ),
      'Type "register last" for the full register as a file.',
    ],
  };
}
