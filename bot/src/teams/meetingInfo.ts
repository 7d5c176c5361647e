/**
 * The app added to a meeting's chat (conversationUpdate, group chat of a meeting, the bot among
 * the members added): ask Teams what the meeting is (`getMeetingInfo`: its type, title, link,
 * organizer, scheduled times) and hand it to the app. "Meet now" calls raise no meeting events,
 * so this is where Chaperone learns of them (DESIGN.md 6a). Parsed once, here at the edge.
 */
import { TeamsInfo, type Activity, type MeetingInfo, type TurnContext } from 'botbuilder';
import { errorFacts } from '../app/errorFacts.js';
import type { DiscoveredMeeting } from '../app/lessonRoutines/meetingDiscovered.js';
import type { Logger } from '../app/ports.js';
import type { MeetingKind } from '../domain/types.js';
import { turnLogger } from './turnLogger.js';

const KINDS: readonly MeetingKind[] = [
  'Scheduled',
  'Recurring',
  'MeetNow',
  'ChannelScheduled',
  'OneToOneCall',
  'GroupCall',
];

/** Whether the activity says the bot itself was just added to a meeting's group chat. */
export function isAddedToMeetingChat(activity: Partial<Activity>): boolean {
  if (activity.type !== 'conversationUpdate') return false;
  if ((activity.conversation?.conversationType ?? '').toLowerCase() !== 'groupchat') return false;
  if (!meetingIdOf(activity)) return false;
  return (activity.membersAdded ?? []).some((m) => m.id === activity.recipient?.id);
}

/** The meeting as the app layer takes it, from the activity and Teams' meeting info. */
export function discoveredMeeting(activity: Partial<Activity>, info: MeetingInfo): DiscoveredMeeting | undefined {
  const meetingId = meetingIdOf(activity);
  const tenantId =
    (activity.channelData as { tenant?: { id?: string } } | undefined)?.tenant?.id ?? activity.conversation?.tenantId;
  if (!meetingId || !tenantId || !activity.serviceUrl || !activity.conversation?.id) return undefined;
  const details = (info.details ?? {}) as Partial<MeetingInfo['details']>;
  const organizerId = info.organizer?.aadObjectId;
  const from = activity.from;
  return {
    key: { tenantId, meetingId },
    address: { serviceUrl: activity.serviceUrl, conversationId: activity.conversation.id },
    activityId: activity.id ?? `${meetingId}:${activity.timestamp ? String(activity.timestamp) : 'added'}`,
    meetingType: KINDS.find((k) => k.toLowerCase() === String(details.type ?? '').toLowerCase()) ?? 'Unknown',
    ...(details.title ? { title: details.title } : {}),
    ...(details.joinUrl ? { joinUrl: details.joinUrl } : {}),
    ...(organizerId ? { organizerId } : {}),
    ...timeField('scheduledStart', details.scheduledStartTime),
    ...timeField('scheduledEnd', details.scheduledEndTime),
    ...(from?.aadObjectId && from.id ? { addedBy: { aadObjectId: from.aadObjectId, teamsId: from.id } } : {}),
  };
}

/** Dependencies of {@link createMeetingAddedHandler}. */
export interface MeetingAddedDeps {
  meetingDiscovered(meeting: DiscoveredMeeting): Promise<void>;
  logger: Logger;
  /** Reads the meeting info (tests pass a stub; default `TeamsInfo.getMeetingInfo`). */
  getMeetingInfo?: (context: TurnContext, meetingId: string) => Promise<MeetingInfo>;
}

/** The turn handler: a no-op for anything but the app arriving in a meeting chat; never throws. */
export function createMeetingAddedHandler(deps: MeetingAddedDeps) {
  const read =
    deps.getMeetingInfo ?? ((context: TurnContext, meetingId: string) => TeamsInfo.getMeetingInfo(context, meetingId));
  return async function onConversationUpdate(context: TurnContext): Promise<void> {
    const activity = context.activity;
    if (!isAddedToMeetingChat(activity)) return;
    let info: MeetingInfo;
    try {
      info = await read(context, meetingIdOf(activity)!);
    } catch (error) {
      turnLogger(context, deps.logger).warn(
        { err: errorFacts(error) },
        'meeting info could not be read when the app was added',
      );
      return;
    }
    const meeting = discoveredMeeting(activity, info);
    if (meeting) await deps.meetingDiscovered(meeting);
  };
}

function meetingIdOf(activity: Partial<Activity>): string | undefined {
  const id = (activity.channelData as { meeting?: { id?: unknown } } | undefined)?.meeting?.id;
  return typeof id === 'string' && id ? id : undefined;
}

function timeField<K extends string>(name: K, value: unknown): Partial<Record<K, number>> {
  if (!(typeof value === 'string' || value instanceof Date)) return {};
  const ms = new Date(value).getTime();
  return Number.isNaN(ms) ? {} : ({ [name]: ms } as Record<K, number>);
}
