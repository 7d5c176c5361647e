/**
 * A local fake of the delegated Microsoft Graph calls that book a lesson (v1.0, `/me/...`), on
 * 127.0.0.1 with a free port: `POST /me/events` with a Teams meeting (`transactionId` makes a repeat
 * one event), `GET /me/onlineMeetings?$filter=JoinWebUrl eq '...'` (a collection, with the meeting's
 * `chatInfo.threadId`), `PATCH /me/onlineMeetings/{id}`, `DELETE /me/events/{id}` (204),
 * `POST /me/events/{id}/cancel` (202, no body; the event and its meeting go, the `Comment` is kept in
 * `cancellations`) and `PATCH /me/events/{id}` (200, the event as changed). An event the caller does not
 * organize, or one gone, is 404 `ErrorItemNotFound`. The meetings' chats take Chaperone and its tab
 * (`fakeMeetingChats.ts`). The caller is the user the bearer token names
 * (`Bearer delegated:<id>`); others get 401. Any request can be scripted (403, 429 with Retry-After, 503).
 * It records every request.
 */
import { FakeMeetingChats } from './fakeMeetingChats.js';
import { graphError, serveFakeGraph, type BookingRequestSeen, type Reply } from './fakeGraphHttp.js';

export { graphError, type BookingRequestSeen, type Reply } from './fakeGraphHttp.js';

type Json = Record<string, unknown>;

/** The running fake: read `events`, `meetings` and `requests`; `script` failures. */
export class FakeGraphBooking {
  readonly requests: BookingRequestSeen[] = [];
  /** Events by id, each with its organizer and its meeting's id. */
  readonly events = new Map<string, { organizer: string; event: Json; meetingId: string }>();
  /** onlineMeeting objects by id, each with its organizer. */
  readonly meetings = new Map<string, { organizer: string; meeting: Json }>();
  /** Events cancelled by their organizer, with the comment the attendees were sent. */
  readonly cancellations: Array<{ eventId: string; organizer: string; comment?: string }> = [];
  /** Apps and tabs added to the meetings' chats. */
  readonly chats = new FakeMeetingChats((user, chatId) =>
    [...this.meetings.values()].some(
      (m) => m.organizer === user && (m.meeting.chatInfo as { threadId?: string } | undefined)?.threadId === chatId,
    ),
  );
  private readonly scripted: Array<{ method: string; path: RegExp; reply: Reply }> = [];
  private next = 1;

  constructor(readonly origin: string) {}

  /** `GRAPH_BASE_URL` for the adapter under test. */
  get graphBaseUrl(): string {
    return `${this.origin}/v1.0`;
  }

  /** Answers the next requests matching `method` and `path`, in order, with `replies`. */
  script(method: string, path: RegExp, ...replies: Reply[]): void {
    this.scripted.push(...replies.map((reply) => ({ method, path, reply })));
  }

  /** Records and answers one request. */
  handle(req: BookingRequestSeen): Reply {
    this.requests.push(req);
    const index = this.scripted.findIndex((s) => s.method === req.method && s.path.test(req.path));
    if (index >= 0) return this.scripted.splice(index, 1)[0]!.reply;
    if (!req.user) return graphError(401, 'InvalidAuthenticationToken');
    if (req.method === 'POST' && req.path === '/v1.0/me/events') return this.createEvent(req.user, req.body as Json);
    if (req.method === 'GET' && req.path === '/v1.0/me/onlineMeetings') return this.findMeeting(req.user, req.query);
    const meeting = req.path.match(/^\/v1\.0\/me\/onlineMeetings\/([^/]+)$/)?.[1];
    if (req.method === 'PATCH' && meeting) return this.patchMeeting(req.user, meeting, req.body as Json);
    const event = req.path.match(/^\/v1\.0\/me\/events\/([^/]+)$/)?.[1];
    if (req.method === 'DELETE' && event) return this.deleteEvent(req.user, event);
    if (req.method === 'PATCH' && event) return this.patchEvent(req.user, event, req.body as Json);
    const cancelled = req.path.match(/^\/v1\.0\/me\/events\/([^/]+)\/cancel$/)?.[1];
    if (req.method === 'POST' && cancelled) return this.cancelEvent(req.user, cancelled, req.body as Json);
    const chat = req.path.match(/^\/v1\.0\/chats\/([^/]+)\/(installedApps|tabs)$/);
    if (req.method === 'POST' && chat) return this.chats.post(req.user, chat[1]!, chat[2]!, req.body as Json);
    return graphError(404, 'NotFound');
  }

  private createEvent(user: string, body: Json | undefined): Reply {
    const start = body?.start as Json | undefined;
    const end = body?.end as Json | undefined;
    if (!body?.subject || !start?.dateTime || !start.timeZone || !end?.dateTime || !end.timeZone)
      return graphError(400, 'ErrorInvalidRequest');
    const repeat = [...this.events.values()].find(
      (e) => e.organizer === user && body.transactionId && e.event.transactionId === body.transactionId,
    );
    if (repeat) return { status: 201, body: repeat.event };
    const n = this.next++;
    const online = body.isOnlineMeeting === true && body.onlineMeetingProvider === 'teamsForBusiness';
    const threadId = `19:meeting_booked${n}@thread.v2`;
    const joinWebUrl = `https://teams.microsoft.com/l/meetup-join/${encodeURIComponent(threadId)}/0?context=%7b%22Tid%22%3a%22t%22%7d`;
    const meetingId = `MSpvbmxpbmUt${n}`;
    const event = {
      id: `AAMkAGevent${n}=`,
      ...body,
      isOnlineMeeting: online,
      onlineMeeting: online ? { joinUrl: joinWebUrl } : null,
    };
    this.events.set(event.id, { organizer: user, event, meetingId });
    if (online) {
      const meeting = {
        id: meetingId,
        joinWebUrl,
        chatInfo: { threadId, messageId: '0' },
        lobbyBypassSettings: { scope: 'organization', isDialInBypassEnabled: false },
        allowedPresenters: 'everyone',
        allowAttendeeToEnableMic: true,
        recordAutomatically: false,
      };
      this.meetings.set(meetingId, { organizer: user, meeting });
    }
    return { status: 201, body: event };
  }

  private findMeeting(user: string, query: Record<string, string>): Reply {
    const url = query.$filter?.match(/^JoinWebUrl eq '(.*)'$/)?.[1]?.replace(/''/g, "'");
    if (url === undefined) return graphError(400, 'BadRequest');
    const found = [...this.meetings.values()].filter((m) => m.organizer === user && m.meeting.joinWebUrl === url);
    return { status: 200, body: { value: found.map((m) => m.meeting) } };
  }

  private patchMeeting(user: string, id: string, patch: Json | undefined): Reply {
    const entry = this.meetings.get(id);
    if (!entry || entry.organizer !== user) return graphError(404, 'NotFound');
    entry.meeting = { ...entry.meeting, ...patch };
    return { status: 200, body: entry.meeting };
  }

  private deleteEvent(user: string, id: string): Reply {
    const entry = this.events.get(id);
    if (!entry || entry.organizer !== user) return graphError(404, 'ErrorItemNotFound');
    this.events.delete(id);
    this.meetings.delete(entry.meetingId);
    return { status: 204 };
  }

  private cancelEvent(user: string, id: string, body: Json | undefined): Reply {
    const comment = body?.Comment;
    if (comment !== undefined && typeof comment !== 'string') return graphError(400, 'ErrorInvalidRequest');
    const gone = this.deleteEvent(user, id);
    if (gone.status !== 204) return gone;
    this.cancellations.push({ eventId: id, organizer: user, ...(comment === undefined ? {} : { comment }) });
    return { status: 202 };
  }

  private patchEvent(user: string, id: string, patch: Json | undefined): Reply {
    const entry = this.events.get(id);
    if (!entry || entry.organizer !== user) return graphError(404, 'ErrorItemNotFound');
    const times = [patch?.start, patch?.end].filter((t) => t !== undefined) as Json[];
    if (!patch || times.some((t) => typeof t?.dateTime !== 'string' || typeof t.timeZone !== 'string'))
      return graphError(400, 'ErrorInvalidRequest');
    entry.event = { ...entry.event, ...patch };
    return { status: 200, body: entry.event };
  }
}

/** Starts the fake on 127.0.0.1 with a free port; `stop` closes it. */
export async function startFakeGraphBooking(): Promise<{ fake: FakeGraphBooking; stop: () => Promise<void> }> {
  const holder: { fake?: FakeGraphBooking } = {};
  const { origin, stop } = await serveFakeGraph((req) => holder.fake!.handle(req));
  holder.fake = new FakeGraphBooking(origin);
  return { fake: holder.fake, stop };
}
