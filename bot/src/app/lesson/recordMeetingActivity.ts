import type { Policy } from '../../domain/policy/schema.js';
import { restartedAfterEnd } from '../../domain/rules/rejoinAfterEnd.js';
import type { MeetingEvent, MeetingState } from '../../domain/types.js';
import { errorFacts } from '../errorFacts.js';
import type { ApplyMeetingEvent } from './applyMeetingEvent.js';
import type { Logger, MeetingKey, MeetingRecord, Notifier, ParticipantDirectory } from '../ports.js';

/** A meeting activity from Teams, parsed at the edge; participants not yet classified. */
export interface MeetingActivity {
  key: MeetingKey;
  address: NonNullable<MeetingState['address']>;
  events: MeetingEvent[];
}

/** Dependencies of {@link createRecordMeetingActivity}. */
export interface RecordMeetingActivityDeps {
  /** The one lesson path (applies and delivers). */
  record: ApplyMeetingEvent;
  directory: ParticipantDirectory;
  notifier: Notifier;
  policyFor(tenantId: string): Policy;
  logger: Logger;
  /**
   * Run once when a lesson starts, in order (e.g. checklist reminder, Graph settings enforcement); not when it starts
   * again the same day after it ended.
   */
  onLessonStarted?: Array<(key: MeetingKey, state: MeetingState) => Promise<void>>;
  /** Run once when a lesson ends, with its alert book (e.g. the organizer's summary, attendance merge). */
  onLessonEnded?: Array<
    (key: MeetingKey, record: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>) => Promise<void>
  >;
  /** Run after every event newly applied (e.g. the roster watch, the invitee check on joins). */
  onEventApplied?: Array<(key: MeetingKey, event: MeetingEvent, state: MeetingState) => Promise<void>>;
}

/**
 * The bot's meeting use case: classify who joined (the directory decides who is staff, never the
 * meeting role alone), apply each event, deliver what started or cleared, and run the start and
 * end routines exactly once (a redelivered activity is a no-op). The welcome card and the start
 * routines belong to the lesson's first start: not to a start older than the current one, nor to
 * the call Teams starts again when someone uses the link after the lesson was ended that day.
 */
export function createRecordMeetingActivity(deps: RecordMeetingActivityDeps) {
  return async function recordMeetingActivity(activity: MeetingActivity): Promise<void> {
    for (const raw of activity.events) {
      const event = await classify(deps.directory, activity.key, raw);
      const outcome = await deps.record(activity.key, event, activity.address);
      if (outcome.outcome === 'duplicate') continue;
      await lifecycle(deps, activity, event, outcome.record);
    }
  };
}

async function classify(directory: ParticipantDirectory, key: MeetingKey, event: MeetingEvent): Promise<MeetingEvent> {
  if (event.kind !== 'participantJoined') return event;
  const p = event.participant;
  const role = await directory.classify({
    tenantId: key.tenantId,
    aadObjectId: p.id === p.teamsId ? undefined : p.id,
    teamsId: p.teamsId,
    userTenantId: p.tenantId,
    meetingRole: p.meetingRole,
  });
  return { ...event, participant: { ...p, role } };
}

async function lifecycle(
  deps: RecordMeetingActivityDeps,
  activity: MeetingActivity,
  event: MeetingEvent,
  record: MeetingRecord,
): Promise<void> {
  const { key } = activity;
  const { state } = record;
  // Each routine is independent: one failing (Graph down, a card refused) must not stop the others.
  const guard = async (what: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      deps.logger.error({ what, err: errorFacts(error) }, 'lesson routine failed');
    }
  };
  if (event.kind === 'meetingStarted') {
    const policy = deps.policyFor(key.tenantId);
    if (firstStart(state, event.at, policy)) {
      const meeting = { key, ...activity.address, title: state.title || 'Lesson' };
      await guard('codeOfConduct', () => deps.notifier.postCodeOfConduct(meeting, policy.codeOfConduct));
      for (const routine of deps.onLessonStarted ?? []) await guard('onLessonStarted', () => routine(key, state));
    }
  }
  if (event.kind === 'meetingEnded') {
    for (const routine of deps.onLessonEnded ?? []) await guard('onLessonEnded', () => routine(key, record));
  }
  for (const routine of deps.onEventApplied ?? []) await guard('onEventApplied', () => routine(key, event, state));
}

/**
 * Whether a start at `at` began the lesson: it is the lesson's current start, and not a restart after an end that day.
 */
function firstStart(state: MeetingState, at: number, policy: Policy): boolean {
  return state.startedAt === at && !restartedAfterEnd(state, policy.school.timeZone);
}
