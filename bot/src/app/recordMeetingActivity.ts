import type { Policy } from '../domain/policy/schema.js';
import type { MeetingEvent, MeetingState } from '../domain/types.js';
import type { ApplyMeetingEvent } from './applyMeetingEvent.js';
import type { Settle } from './settleFindings.js';
import type { Logger, MeetingKey, Notifier, ParticipantDirectory } from './ports.js';

/** A meeting activity from Teams, parsed at the edge; participants not yet classified. */
export interface MeetingActivity {
  key: MeetingKey;
  address: NonNullable<MeetingState['address']>;
  events: MeetingEvent[];
}

/** Dependencies of {@link createRecordMeetingActivity}. */
export interface RecordMeetingActivityDeps {
  applyEvent: ApplyMeetingEvent;
  settle: Settle;
  directory: ParticipantDirectory;
  notifier: Notifier;
  policyFor(tenantId: string): Policy;
  logger: Logger;
  /** Runs once when a lesson starts (e.g. roster check, Graph settings enforcement). */
  onLessonStarted?: (key: MeetingKey, state: MeetingState) => Promise<void>;
  /** Runs once when a lesson ends (e.g. the organizer's summary, attendance merge). */
  onLessonEnded?: (key: MeetingKey, state: MeetingState) => Promise<void>;
}

/**
 * The bot's meeting use case: classify who joined (the directory decides who is staff, never the
 * meeting role alone), apply each event, deliver what started or cleared, and run the start and
 * end routines exactly once (a redelivered activity is a no-op).
 */
export function createRecordMeetingActivity(deps: RecordMeetingActivityDeps) {
  return async function recordMeetingActivity(activity: MeetingActivity): Promise<void> {
    for (const raw of activity.events) {
      const event = await classify(deps.directory, activity.key, raw);
      const outcome = await deps.applyEvent(activity.key, event, activity.address);
      if (outcome.outcome === 'duplicate') continue;
      await deps.settle(activity.key, outcome);
      await lifecycle(deps, activity, event, outcome.record.state);
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

async function lifecycle(deps: RecordMeetingActivityDeps, activity: MeetingActivity, event: MeetingEvent, state: MeetingState): Promise<void> {
  const guard = async (what: string, run: () => Promise<void>): Promise<void> => {
    try {
      await run();
    } catch (error) {
      deps.logger.error({ what, err: error instanceof Error ? error.message : String(error) }, 'lesson routine failed');
    }
  };
  if (event.kind === 'meetingStarted') {
    const policy = deps.policyFor(activity.key.tenantId);
    const meeting = { key: activity.key, ...activity.address, title: state.title || 'Lesson' };
    await guard('codeOfConduct', () => deps.notifier.postCodeOfConduct(meeting, policy.codeOfConduct));
    if (deps.onLessonStarted) await guard('onLessonStarted', () => deps.onLessonStarted!(activity.key, state));
  }
  if (event.kind === 'meetingEnded' && deps.onLessonEnded) {
    await guard('onLessonEnded', () => deps.onLessonEnded!(activity.key, state));
  }
}
