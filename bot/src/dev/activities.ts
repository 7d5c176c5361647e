/**
 * Builds Teams activities as Teams sends them (shapes from learn.microsoft.com "Meeting apps APIs",
 * the same as the documented fixtures in `tests/fixtures/activities/`): the four meeting events, a
 * chat message, a card button (Action.Submit message, Action.Execute invoke) and the app being
 * added to a chat. The simulator posts these to `/api/messages`; tests use the same builder.
 */
import { randomUUID } from 'node:crypto';

/** A person as Teams describes them in an activity. */
export interface ActivityPerson {
  aadObjectId: string;
  teamsId: string;
  name: string;
  role?: 'Organizer' | 'Presenter' | 'Attendee' | 'Guest';
  /** Their home tenant, when it is not the meeting's (a guest). */
  tenantId?: string;
}

/** A Teams activity as JSON. */
export type TeamsActivity = Record<string, unknown>;

/** The bot as Teams addresses it when no app id is configured (fixtures' fake bot id). */
export const LOCAL_BOT = { id: '28:00000000-0000-4000-8000-0000000b0700', name: 'Chaperone' };

const EVENT = {
  start: 'application/vnd.microsoft.meetingStart',
  end: 'application/vnd.microsoft.meetingEnd',
  join: 'application/vnd.microsoft.meetingParticipantJoin',
  leave: 'application/vnd.microsoft.meetingParticipantLeave',
} as const;

const CLIENT_INFO = [{ locale: 'en-GB', country: 'GB', platform: 'Web', type: 'clientInfo' }];

/** A new lesson's Teams ids: the meeting chat thread and the meeting id (base64 of `0#<thread>#0`). */
export function newMeetingIds(): { conversationId: string; meetingId: string } {
  const conversationId = `19:meeting_${randomUUID().replace(/-/g, '')}@thread.v2`;
  return { conversationId, meetingId: Buffer.from(`0#${conversationId}#0`).toString('base64') };
}

function activityId(): string {
  return `f:${randomUUID()}`;
}

function stamp(at: number): { timestamp: string; localTimestamp: string } {
  const iso = new Date(at).toISOString();
  return { timestamp: iso, localTimestamp: iso.replace('Z', '+00:00') };
}

/**
 * Meeting event activities for one lesson, addressed to `serviceUrl` (the fake connector).
 * Each builder takes the time (epoch ms) and optionally a fixed activity id (to replay a delivery).
 */
export function lessonActivities(options: {
  tenantId: string;
  meetingId: string;
  serviceUrl: string;
  conversationId?: string;
}) {
  const conversationId = options.conversationId ?? `19:meeting_${options.meetingId.slice(0, 12)}@thread.v2`;
  // Participant events carry the bare envelope; start and end add client info and locale (as documented).
  const envelope = (name: string, at: number, from: Record<string, unknown>, id?: string): TeamsActivity => ({
    type: 'event',
    name,
    id: id ?? activityId(),
    timestamp: new Date(at).toISOString(),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from,
    conversation: { isGroup: true, conversationType: 'groupchat', tenantId: options.tenantId, id: conversationId },
    recipient: LOCAL_BOT,
    channelData: { tenant: { id: options.tenantId }, meeting: { id: options.meetingId } },
  });
  const withClientInfo = (activity: TeamsActivity, at: number): TeamsActivity => ({
    ...activity,
    ...stamp(at),
    entities: CLIENT_INFO,
    channelData: { ...(activity.channelData as object), source: null },
    locale: 'en-GB',
  });
  const member = (p: ActivityPerson, inMeeting: boolean) => ({
    user: {
      tenantId: p.tenantId ?? options.tenantId,
      objectId: p.aadObjectId,
      id: p.teamsId,
      name: p.name,
      aadObjectId: p.aadObjectId,
    },
    meeting: inMeeting ? { inMeeting, role: p.role ?? 'Attendee' } : { inMeeting },
  });
  const lifecycle = (
    name: string,
    timeKey: 'StartTime' | 'EndTime',
    at: number,
    extra: { title?: string; meetingType?: string; id?: string; organizer?: ActivityPerson },
  ): TeamsActivity => ({
    ...withClientInfo(
      envelope(
        name,
        at,
        extra.organizer
          ? { id: extra.organizer.teamsId, aadObjectId: extra.organizer.aadObjectId }
          : { id: '29:1fake-organizer' },
        extra.id,
      ),
      at,
    ),
    value: {
      MeetingType: extra.meetingType ?? 'Scheduled',
      Title: extra.title ?? 'Year 5 maths',
      Id: options.meetingId,
      JoinUrl: `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(conversationId)}/0`,
      [timeKey]: new Date(at).toISOString(),
    },
  });
  return {
    conversationId,
    start: (
      at: number,
      extra: { title?: string; meetingType?: string; id?: string; organizer?: ActivityPerson } = {},
    ) => lifecycle(EVENT.start, 'StartTime', at, extra),
    end: (at: number, id?: string, extra: { title?: string; meetingType?: string; organizer?: ActivityPerson } = {}) =>
      lifecycle(EVENT.end, 'EndTime', at, { ...extra, ...(id ? { id } : {}) }),
    join: (person: ActivityPerson, at: number, id?: string): TeamsActivity => ({
      ...envelope(EVENT.join, at, { id: person.teamsId }, id),
      value: { members: [member(person, true)] },
    }),
    leave: (person: ActivityPerson, at: number, id?: string): TeamsActivity => ({
      ...envelope(EVENT.leave, at, { id: person.teamsId }, id),
      value: { members: [member(person, false)] },
    }),
    /** The app added to the lesson's chat (Teams sends this when the app is added to a meeting). */
    botAdded: (at: number, by: ActivityPerson): TeamsActivity => {
      const { name: _event, ...update } = withClientInfo(
        envelope('', at, { id: by.teamsId, aadObjectId: by.aadObjectId }),
        at,
      );
      return { ...update, type: 'conversationUpdate', membersAdded: [{ id: LOCAL_BOT.id }] };
    },
  };
}

/** Activities of one person's 1:1 chat with the bot (conversation id as the fake connector gives it). */
export function personalChatActivities(options: {
  tenantId: string;
  serviceUrl: string;
  conversationId: string;
  person: ActivityPerson;
}) {
  const { person } = options;
  const base = (type: string, at: number): TeamsActivity => ({
    type,
    id: activityId(),
    ...stamp(at),
    channelId: 'msteams',
    serviceUrl: options.serviceUrl,
    from: { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId },
    conversation: { conversationType: 'personal', tenantId: options.tenantId, id: options.conversationId },
    recipient: LOCAL_BOT,
    entities: CLIENT_INFO,
    channelData: { tenant: { id: options.tenantId } },
    locale: 'en-GB',
  });
  return {
    /** What the person typed. */
    message: (at: number, text: string): TeamsActivity => ({ ...base('message', at), text, textFormat: 'plain' }),
    /** An Action.Submit button on a card the bot sent (`replyToId`: that card's activity id). */
    submit: (at: number, data: Record<string, unknown>, replyToId?: string): TeamsActivity => ({
      ...base('message', at),
      value: data,
      ...(replyToId ? { replyToId } : {}),
    }),
    /** An Action.Execute button: an `adaptiveCard/action` invoke. */
    execute: (at: number, verb: string, data: Record<string, unknown>, replyToId?: string): TeamsActivity => ({
      ...base('invoke', at),
      name: 'adaptiveCard/action',
      value: { action: { type: 'Action.Execute', verb, data }, trigger: 'manual' },
      ...(replyToId ? { replyToId } : {}),
    }),
    /** The app installed for the person (tenant-wide install reaches everyone this way). */
    installed: (at: number): TeamsActivity => ({ ...base('installationUpdate', at), action: 'add' }),
  };
}
