/**
 * The lesson-end routine (DESIGN.md §2 The rules, end-for-all; §6a Platform realities): close the
 * register, merge Teams' own attendance report into it when Graph is configured, record what was
 * merged in the lesson's partition, and send the organizer the summary card (every serious alert
 * of the lesson and whether the DSL has it). Teams writes its report only after the meeting ends
 * and Graph may be refused or down: then the summary comes from the bot's own register, with a
 * note saying so, and the report is looked for again later.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { buildRegister } from '../../domain/register.js';
import { errorFacts } from '../errorFacts.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import type { MeetingControl } from '../meetingControl/ports.js';
import type { LessonCards } from '../delivery/lessonCards.js';
import type { Clock, Logger, MeetingKey, MeetingRecord } from '../ports.js';
import type { AttendanceRetry } from './attendanceRetry.js';
import { lessonSummary, type AttendanceSource } from './lessonSummary.js';
import { auditLines, readTeamsAttendance } from './teamsAttendance.js';

/** Dependencies of {@link createLessonEndRoutine}. */
export interface LessonEndDeps {
  cards: LessonCards;
  applyEvent: ApplyMeetingEvent;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
  /** Graph meeting control; without it the summary uses the bot's own register only. */
  meetingControl?: MeetingControl;
  /** Looks for a report that was not ready yet again later (with Graph). */
  attendanceRetry?: Pick<AttendanceRetry, 'scheduleNext'>;
}

/** Builds the routine `recordMeetingActivity` runs once when a lesson ends. */
export function createLessonEndRoutine(deps: LessonEndDeps) {
  return async function lessonEnded(
    key: MeetingKey,
    record: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>,
  ): Promise<void> {
    const { state } = record;
    const now = deps.clock.now();
    const closedAt = state.endedAt ?? now;
    const teams = deps.meetingControl
      ? await readTeamsAttendance(deps.meetingControl, deps.logger, state, closedAt)
      : undefined;
    let attendance: AttendanceSource | undefined = teams;
    if (
      teams &&
      'unavailable' in teams &&
      teams.retry &&
      state.endedAt !== undefined &&
      (await retryLater(deps, key, state.endedAt))
    ) {
      attendance = {
        unavailable: `${teams.unavailable} Chaperone will look for it again within the hour and tell you if it adds anyone.`,
      };
    }
    const merged = await deps.applyEvent(
      key,
      {
        kind: 'attendanceMerged',
        id: `attendance@${closedAt}`,
        at: closedAt,
        source: attendance && 'lines' in attendance ? 'teams' : 'bot',
        lines:
          attendance && 'lines' in attendance
            ? auditLines(attendance.lines)
            : buildRegister(state, now).map((r) => ({ personId: r.id, minutes: r.minutesPresent, seenBy: ['bot'] })),
        ...(attendance && 'unavailable' in attendance ? { note: attendance.unavailable } : {}),
      },
      state.address,
    );
    if (!state.organizerId) return;
    // The record after that write is the freshest account of the lesson's outbox (what the DSLs were sent by now).
    const summary = lessonSummary(merged.record, deps.policyFor(key.tenantId), now, attendance);
    await deps.cards.queue(key, { cause: `summary@${closedAt}`, to: state.organizerId, role: 'organizer', ...summary });
  };
}

/** Schedules the next look at the report; false (and the summary says nothing of it) when that fails. */
async function retryLater(deps: LessonEndDeps, key: MeetingKey, endedAt: number): Promise<boolean> {
  if (!deps.attendanceRetry) return false;
  try {
    return await deps.attendanceRetry.scheduleNext(key, endedAt);
  } catch (error) {
    deps.logger.warn({ err: errorFacts(error) }, 'attendance report retry could not be scheduled');
    return false;
  }
}
