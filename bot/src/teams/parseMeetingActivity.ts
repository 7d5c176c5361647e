import { z } from 'zod';
import type { Activity } from 'botbuilder';
import type { MeetingActivity } from '../app/lesson/recordMeetingActivity.js';
import type { MeetingEvent, MeetingKind, MeetingRole } from '../domain/types.js';

/** The four meeting event names Teams sends to a bot with meeting event subscriptions. */
export const MEETING_EVENT_NAMES = {
  start: 'application/vnd.microsoft.meetingStart',
  end: 'application/vnd.microsoft.meetingEnd',
  join: 'application/vnd.microsoft.meetingParticipantJoin',
  leave: 'application/vnd.microsoft.meetingParticipantLeave',
} as const;

/** An activity that could not be read as a meeting event; `reason` is safe to log (no personal data). */
export class MalformedActivityError extends Error {
  override name = 'MalformedActivityError';
}

// Real Teams ids are well under these; longer ones cannot be stored as table keys, so refuse them here.
const id = (max: number) => z.string().min(1).max(max);

const envelope = z.object({
  id: id(256),
  name: z.string().trim(),
  // botbuilder turns `timestamp` into a Date; raw payloads carry an ISO string.
  timestamp: z.union([z.string(), z.date().transform((d) => d.toISOString())]).optional(),
  serviceUrl: z.string().url(),
  conversation: z.object({ id: id(512), tenantId: id(128).optional() }),
  from: z.object({ aadObjectId: z.string().optional() }).optional(),
  channelData: z.object({
    tenant: z.object({ id: id(128) }).optional(),
    meeting: z.object({ id: id(256) }),
  }),
});

// Start/end values arrive PascalCase (the docs' table); tolerate camelCase too, as the docs' own example shows it.
const lifecycleValue = z.record(z.string(), z.unknown()).transform((v) => ({
  meetingType: str(v.MeetingType ?? v.meetingType),
  title: str(v.Title ?? v.title),
  joinUrl: str(v.JoinUrl ?? v.joinUrl),
  time: str(v.StartTime ?? v.startTime ?? v.EndTime ?? v.endTime),
}));

const member = z.object({
  user: z.object({
    id: id(256),
    aadObjectId: id(128).optional(),
    name: z.string().max(256).optional(),
    tenantId: id(128).optional(),
  }),
  meeting: z.object({ role: z.string().optional(), inMeeting: z.boolean().optional() }).optional(),
});
const membersValue = z.object({ members: z.array(member).min(1).max(500) });

function str(v: unknown): string | undefined {
  return typeof v === 'string' && v.length > 0 ? v : undefined;
}

function time(...candidates: Array<string | undefined>): number {
  for (const c of candidates) {
    const t = c ? Date.parse(c) : NaN;
    if (Number.isFinite(t)) return t;
  }
  throw new MalformedActivityError('meeting event has no valid time');
}

const KINDS: MeetingKind[] = ['Scheduled', 'Recurring', 'MeetNow', 'ChannelScheduled', 'OneToOneCall', 'GroupCall'];
const ROLES: Record<string, MeetingRole> = {
  organizer: 'Organizer',
  presenter: 'Presenter',
  attendee: 'Attendee',
  guest: 'Guest',
};

/** Whether an activity is one of the four meeting events (by name, trimmed, case-insensitive). */
export function isMeetingEvent(activity: Pick<Activity, 'type' | 'name'>): boolean {
  const name = (activity.name ?? '').trim().toLowerCase();
  return activity.type === 'event' && Object.values(MEETING_EVENT_NAMES).some((n) => n.toLowerCase() === name);
}

/**
 * Parses a Teams meeting event activity into domain events, once, at the edge. Keys state on
 * `channelData.meeting.id` and the tenant; a join/leave with several members becomes one event
 * per member with ids derived from the activity id, so redelivery stays idempotent.
 */
export function parseMeetingActivity(activity: Partial<Activity>): MeetingActivity {
  const parsed = envelope.safeParse(activity);
  if (!parsed.success)
    throw new MalformedActivityError(
      `meeting event envelope invalid at ${parsed.error.issues[0]?.path.join('.') || '(root)'}`,
    );
  const a = parsed.data;
  const tenantId = a.channelData.tenant?.id ?? a.conversation.tenantId;
  if (!tenantId) throw new MalformedActivityError('meeting event has no tenant');
  const key = { tenantId, meetingId: a.channelData.meeting.id };
  const address = { serviceUrl: a.serviceUrl, conversationId: a.conversation.id };
  const name = a.name.toLowerCase();
  // Teams sends meetingStart from the organizer.
  return { key, address, events: toEvents(name, a.id, a.timestamp, activity.value, a.from?.aadObjectId) };
}

function toEvents(
  name: string,
  id: string,
  timestamp: string | undefined,
  value: unknown,
  senderId: string | undefined,
): MeetingEvent[] {
  if (name === MEETING_EVENT_NAMES.start.toLowerCase() || name === MEETING_EVENT_NAMES.end.toLowerCase()) {
    const v = lifecycleValue.safeParse(value ?? {});
    if (!v.success) throw new MalformedActivityError('meeting start/end value is not an object');
    const at = time(v.data.time, timestamp);
    if (name === MEETING_EVENT_NAMES.end.toLowerCase()) return [{ kind: 'meetingEnded', id, at }];
    const meetingType = KINDS.find((k) => k.toLowerCase() === v.data.meetingType?.toLowerCase()) ?? 'Unknown';
    return [
      {
        kind: 'meetingStarted',
        id,
        at,
        meetingType,
        title: v.data.title ?? 'Lesson',
        joinUrl: v.data.joinUrl,
        organizerId: senderId,
      },
    ];
  }
  const v = membersValue.safeParse(value);
  if (!v.success)
    throw new MalformedActivityError(
      `participant event value invalid at ${v.error.issues[0]?.path.join('.') || '(root)'}`,
    );
  const at = time(timestamp);
  const joining = name === MEETING_EVENT_NAMES.join.toLowerCase();
  return v.data.members.map((m, i): MeetingEvent => {
    const eventId = v.data.members.length === 1 ? id : `${id}#${i}`;
    const personId = m.user.aadObjectId ?? m.user.id;
    if (!joining) return { kind: 'participantLeft', id: eventId, at, participantId: personId, teamsId: m.user.id };
    const role = ROLES[(m.meeting?.role ?? '').toLowerCase()] ?? 'Unknown';
    return {
      kind: 'participantJoined',
      id: eventId,
      at,
      participant: {
        id: personId,
        teamsId: m.user.id,
        name: m.user.name ?? 'Participant',
        role: 'unknown',
        tenantId: m.user.tenantId,
        meetingRole: role,
      },
    };
  });
}
