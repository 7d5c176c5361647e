/**
 * The lesson routines composed in one place, so the composition root stays short: the periodic
 * roster watch, and what runs at lesson start (checklist reminder, Graph settings), at lesson end
 * (register, attendance, summary, later looks at Teams' report), after each event (roster watch,
 * invitee check) and when the app joins a meeting chat. Every event a routine records goes
 * through `record`, the one lesson path that also delivers. Graph routines are present only when
 * Graph meeting control is configured; without it the organizer's start card says, in one line,
 * that meeting options are theirs to check.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { MeetingEvent, MeetingState } from '../../domain/types.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import type { DeliverAlerts } from '../lesson/deliverAlerts.js';
import type { LessonCards } from '../delivery/lessonCards.js';
import type { MeetingControl } from '../meetingControl/ports.js';
import { createSettingsAtLessonStart } from '../meetingControl/settingsAtLessonStart.js';
import { SETTINGS_OFF_LINE } from '../meetingControl/settingsNotChecked.js';
import type {
  Clock,
  Logger,
  MeetingKey,
  MeetingRecord,
  MeetingStore,
  ParticipantDirectory,
  RosterSource,
  TimerStore,
} from '../ports.js';
import type { TimerHandlers } from '../lesson/sweepTimers.js';
import { ATTENDANCE_REASON, createAttendanceRetry } from './attendanceRetry.js';
import { createChecklistReminder } from './checklistReminder.js';
import { createInviteeCheck } from './inviteeCheck.js';
import { createLessonEndRoutine } from './lessonEnd.js';
import { createMeetingDiscovered, type DiscoveredMeeting } from './meetingDiscovered.js';
import { createRosterWatch, ROSTER_REASON } from './rosterWatch.js';

/** Dependencies of {@link createLessonRoutines}: the service's adapters and the lesson path. */
export interface LessonRoutinesDeps {
  /** The one lesson path: applies an event and delivers what it started or cleared. */
  record: ApplyMeetingEvent;
  /** Queues findings found outside the rules (invitee check). */
  deliver: DeliverAlerts;
  meetings: Pick<MeetingStore, 'load'>;
  timers: TimerStore;
  /** 1:1 cards about the lesson, through its outbox. */
  cards: LessonCards;
  roster: RosterSource;
  directory: ParticipantDirectory;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
  meetingControl?: MeetingControl;
  /** Time between two roster checks of a lesson with pupils present (default 3 minutes). */
  rosterIntervalMs?: number;
}

/** What the composition root connects. */
export interface LessonRoutines {
  /** The sweep's handlers for the routines' own timers (roster checks, attendance report retries). */
  timerHandlers: TimerHandlers;
  onLessonStarted: Array<(key: MeetingKey, state: MeetingState) => Promise<void>>;
  onLessonEnded: Array<
    (key: MeetingKey, record: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>) => Promise<void>
  >;
  onEventApplied: Array<(key: MeetingKey, event: MeetingEvent, state: MeetingState) => Promise<void>>;
  meetingDiscovered(meeting: DiscoveredMeeting): Promise<void>;
}

/** Builds every lesson routine from the service's adapters. */
export function createLessonRoutines(deps: LessonRoutinesDeps): LessonRoutines {
  const { record, deliver, cards, directory, policyFor, clock, logger, meetingControl } = deps;
  const rosterWatch = createRosterWatch({
    meetings: deps.meetings,
    timers: deps.timers,
    roster: deps.roster,
    applyEvent: record,
    clock,
    logger,
    ...(deps.rosterIntervalMs ? { intervalMs: deps.rosterIntervalMs } : {}),
  });
  const inviteeCheck = meetingControl
    ? createInviteeCheck({ meetingControl, deliver, policyFor, clock, logger })
    : undefined;
  const attendanceRetry = meetingControl
    ? createAttendanceRetry({
        meetingControl,
        meetings: deps.meetings,
        timers: deps.timers,
        applyEvent: record,
        cards,
        policyFor,
        clock,
        logger,
      })
    : undefined;
  const withGraph = meetingControl ? { meetingControl } : {};
  return {
    timerHandlers: {
      [ROSTER_REASON]: rosterWatch.onTimer,
      ...(attendanceRetry ? { [ATTENDANCE_REASON]: attendanceRetry.onTimer } : {}),
    },
    onLessonStarted: [
      // Graph off is the school's choice: one line on the organizer's start card says so, no alarm.
      createChecklistReminder({ cards: meetingControl ? cards : withLine(cards, SETTINGS_OFF_LINE), policyFor }),
      ...(meetingControl
        ? [createSettingsAtLessonStart({ meetingControl, cards, policyFor, logger, applyEvent: record })]
        : []),
    ],
    onLessonEnded: [
      createLessonEndRoutine({
        cards,
        applyEvent: record,
        policyFor,
        clock,
        logger,
        ...withGraph,
        ...(attendanceRetry ? { attendanceRetry } : {}),
      }),
    ],
    onEventApplied: [
      (key, _event, state) => rosterWatch.watch(key, state),
      ...(inviteeCheck
        ? [
            async (key: MeetingKey, event: MeetingEvent, state: MeetingState) =>
              event.kind === 'participantJoined' ? inviteeCheck(key, state, event.participant) : undefined,
          ]
        : []),
    ],
    meetingDiscovered: createMeetingDiscovered({ applyEvent: record, cards, directory, clock, logger, ...withGraph }),
  };
}

/** `cards` whose cards end with `line` (given only to the routine whose card should carry it). */
function withLine(cards: LessonCards, line: string): LessonCards {
  return { queue: (key, card) => cards.queue(key, { ...card, lines: [...card.lines, line] }) };
}
