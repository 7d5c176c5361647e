/**
 * The LessonCalendar port on Microsoft Graph v1.0, delegated: every call goes to `/me/...` with a
 * token exchanged for the teacher, so the event and its Teams meeting belong to them. Create the
 * event with a Teams meeting, find its online meeting by join link, PATCH the meeting's options,
 * delete the event, cancel it as its organizer, move it. Retries and `Retry-After` are the shared
 * {@link GraphClient}'s; an event Graph does not find (404 `ErrorItemNotFound`) is said so, never thrown.
 */
import {
  DelegatedAccessError,
  type ActingUser,
  type CreatedLessonEvent,
  type LessonCalendar,
  type LessonMeeting,
  type LessonMeetingOptions,
  type NewLessonEvent,
} from '../../app/booking/ports.js';
import { GraphPermissionError, GraphRequestError, type GraphRequirement } from '../../app/meetingControl/ports.js';
import { GraphClient, type GraphClientOptions } from '../graphClient.js';
import { parseGraph } from '../onlineMeetingSchema.js';
import type { DelegatedTokens } from './delegatedTokens.js';
import {
  cancelBody,
  createdEventSchema,
  eventBody,
  meetingListSchema,
  movedBody,
  optionsBody,
} from './lessonPayloads.js';

/** The delegated permissions booking needs: the teacher's calendar, and their meetings' options. */
export const BOOKING_SCOPES = [
  'https://graph.microsoft.com/Calendars.ReadWrite',
  'https://graph.microsoft.com/OnlineMeetings.ReadWrite',
];
const CALENDAR: GraphRequirement = { permission: 'Calendars.ReadWrite', adminSteps: [] };
const MEETINGS: GraphRequirement = { permission: 'OnlineMeetings.ReadWrite', adminSteps: [] };

/** Options for {@link GraphLessonCalendar}: the Graph client's, with delegated tokens instead of app-only ones. */
export type GraphLessonCalendarOptions = Omit<GraphClientOptions, 'tokens'> & { tokens: DelegatedTokens };

/** LessonCalendar backed by Graph, acting as the teacher. */
export class GraphLessonCalendar implements LessonCalendar {
  // One exchange per acting teacher per booking: the same ActingUser object is passed to every step.
  private readonly clients = new WeakMap<ActingUser, GraphClient>();

  constructor(private readonly options: GraphLessonCalendarOptions) {}

  async createEvent(asUser: ActingUser, event: NewLessonEvent): Promise<CreatedLessonEvent> {
    const { body } = await this.send(asUser, {
      method: 'POST',
      path: '/me/events',
      body: eventBody(event),
      requires: CALENDAR,
    });
    const created = parseGraph(createdEventSchema, body);
    return { eventId: created.id, joinUrl: created.onlineMeeting.joinUrl };
  }

  async findMeeting(asUser: ActingUser, joinUrl: string): Promise<LessonMeeting | undefined> {
    // The join URL is itself percent-encoded; Graph wants the whole filter encoded once more.
    const filter = encodeURIComponent(`JoinWebUrl eq '${joinUrl.replace(/'/g, "''")}'`);
    const { body } = await this.send(asUser, {
      method: 'GET',
      path: `/me/onlineMeetings?$filter=${filter}`,
      requires: MEETINGS,
    });
    const first = parseGraph(meetingListSchema, body).value[0];
    return first && { onlineMeetingId: first.id, threadId: first.chatInfo.threadId };
  }

  async setMeetingOptions(asUser: ActingUser, onlineMeetingId: string, options: LessonMeetingOptions): Promise<void> {
    await this.send(asUser, {
      method: 'PATCH',
      path: `/me/onlineMeetings/${encodeURIComponent(onlineMeetingId)}`,
      body: optionsBody(options),
      requires: MEETINGS,
    });
  }

  async deleteEvent(asUser: ActingUser, eventId: string): Promise<void> {
    await this.unlessGone(() =>
      this.send(asUser, { method: 'DELETE', path: `/me/events/${encodeURIComponent(eventId)}`, requires: CALENDAR }),
    );
  }

  async cancelEvent(asUser: ActingUser, eventId: string, comment: string): Promise<'cancelled' | 'notFound'> {
    // 202 Accepted, no body: the event is gone from the organizer's calendar and the cancellation is on its way.
    const found = await this.unlessGone(() =>
      this.send(asUser, {
        method: 'POST',
        path: `/me/events/${encodeURIComponent(eventId)}/cancel`,
        body: cancelBody(comment),
        requires: CALENDAR,
      }),
    );
    return found ? 'cancelled' : 'notFound';
  }

  async moveEvent(
    asUser: ActingUser,
    eventId: string,
    times: { start: number; end: number },
  ): Promise<'moved' | 'notFound'> {
    const found = await this.unlessGone(() =>
      this.send(asUser, {
        method: 'PATCH',
        path: `/me/events/${encodeURIComponent(eventId)}`,
        body: movedBody(times),
        requires: CALENDAR,
      }),
    );
    return found ? 'moved' : 'notFound';
  }

  /** Runs a call on one event: false when Graph answered 404 (no such event in the teacher's calendar). */
  private async unlessGone(call: () => Promise<unknown>): Promise<boolean> {
    try {
      await call();
      return true;
    } catch (error) {
      if (error instanceof GraphRequestError && error.status === 404) return false;
      throw error;
    }
  }

  /** Sends as the teacher: Graph refusing a delegated call means a grant the school lacks, or a new sign-in. */
  private async send(asUser: ActingUser, request: Parameters<GraphClient['send']>[0]) {
    try {
      return await this.clientFor(asUser).send<unknown>(request);
    } catch (error) {
      if (!(error instanceof GraphPermissionError)) throw error;
      throw error.status === 401
        ? new DelegatedAccessError('signInAgain')
        : new DelegatedAccessError('notGranted', error.requirement.permission);
    }
  }

  private clientFor(asUser: ActingUser): GraphClient {
    let client = this.clients.get(asUser);
    if (!client) {
      let token: Promise<string> | undefined;
      const { tokens, ...rest } = this.options;
      client = new GraphClient({
        ...rest,
        tokens: { getToken: () => (token ??= tokens.forUser(asUser.ssoToken, BOOKING_SCOPES)) },
      });
      this.clients.set(asUser, client);
    }
    return client;
  }
}
