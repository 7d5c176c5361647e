/**
 * When the app is added to a meeting's chat (DESIGN.md §6a Platform realities): "Meet now" calls
 * raise no meeting events at all, so this is often the only moment Chaperone learns of them.
 * Records what Teams (and Graph, when configured: the creation time) says about the meeting and
 * settles it, so the `scheduled-ahead` rule (seed 001 #8, seed 003 bullet 8) raises a "Meet now"
 * call or a lesson scheduled at short notice exactly once, to the organizer; a member of staff who
 * added the app and is not the organizer is told as well.
 */
import type { MeetingKind, MeetingState } from '../../domain/types.js';
import type { ApplyMeetingEvent } from '../lesson/applyMeetingEvent.js';
import type { MeetingControl } from '../meetingControl/ports.js';
import type { LessonCards } from '../delivery/lessonCards.js';
import type { Clock, Logger, MeetingKey, ParticipantDirectory } from '../ports.js';

/** What Teams' meeting info said when the app was added. Times are epoch ms. */
export interface DiscoveredMeeting {
  key: MeetingKey;
  address: NonNullable<MeetingState['address']>;
  /** The activity that announced it (idempotency: a redelivery records nothing new). */
  activityId: string;
  meetingType: MeetingKind;
  title?: string;
  joinUrl?: string;
  organizerId?: string;
  scheduledStart?: number;
  scheduledEnd?: number;
  /** Whoever added the app, as Teams named them. */
  addedBy?: { aadObjectId: string; teamsId: string };
}

/** Dependencies of {@link createMeetingDiscovered}. */
export interface MeetingDiscoveredDeps {
  applyEvent: ApplyMeetingEvent;
  cards: LessonCards;
  directory: Pick<ParticipantDirectory, 'classify'>;
  clock: Clock;
  logger: Logger;
  /** Graph meeting control: gives the creation time, for the short-notice check. */
  meetingControl?: MeetingControl;
}

/** Builds the use case the Teams edge calls when the app arrives in a meeting chat. */
export function createMeetingDiscovered(deps: MeetingDiscoveredDeps) {
  return async function meetingDiscovered(meeting: DiscoveredMeeting): Promise<void> {
    const { key } = meeting;
    let createdAt: number | undefined;
    let startAt = meeting.scheduledStart;
    if (deps.meetingControl && meeting.joinUrl && meeting.organizerId) {
      try {
        const settings = await deps.meetingControl.findMeeting(meeting.organizerId, meeting.joinUrl);
        createdAt = settings?.createdAt;
        startAt ??= settings?.startAt;
      } catch (error) {
        const { name, status } = error as { name?: string; status?: number };
        deps.logger.warn(
          { error: name, status },
          'meeting creation time could not be read; short-notice check skipped',
        );
      }
    }
    const outcome = await deps.applyEvent(
      key,
      {
        kind: 'meetingDetailsLearned',
        id: `details:${meeting.activityId}`,
        at: deps.clock.now(),
        meetingType: meeting.meetingType,
        ...optional({
          title: meeting.title,
          joinUrl: meeting.joinUrl,
          organizerId: meeting.organizerId,
          scheduledStart: startAt,
          scheduledEnd: meeting.scheduledEnd,
          createdAt,
        }),
      },
      meeting.address,
    );
    if (outcome.outcome === 'duplicate') return;

    const scheduling = outcome.started.filter((f) => f.ruleId === 'scheduled-ahead');
    const adder = meeting.addedBy;
    if (!scheduling.length || !adder || adder.aadObjectId === outcome.record.state.organizerId) return;
    if ((await deps.directory.classify({ tenantId: key.tenantId, ...adder })) !== 'staff') return;
    const lesson = meeting.title ? `"${meeting.title}": ` : '';
    for (const finding of scheduling) {
      const title = `${lesson}${finding.message}`;
      await deps.cards.queue(key, {
        cause: `${finding.key}@${meeting.activityId}`,
        to: adder.aadObjectId,
        role: 'staff',
        title,
        lines: [finding.action],
      });
    }
  };
}

/** The fields whose value is defined (the event takes optional fields, not undefined ones). */
function optional<T extends Record<string, unknown>>(fields: T): Partial<{ [K in keyof T]: Exclude<T[K], undefined> }> {
  return Object.fromEntries(Object.entries(fields).filter(([, v]) => v !== undefined)) as Partial<{
    [K in keyof T]: Exclude<T[K], undefined>;
  }>;
}
