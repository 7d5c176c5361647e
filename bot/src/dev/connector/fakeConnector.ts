/**
 * A fake Bot Connector (the Teams service a bot talks back to), as a pure request handler with an
 * in-memory record. The simulator mounts it at `/dev/connector/` on the service itself; tests wrap
 * it in a node:http server (`tests/support/fakeConnector.ts`). A botbuilder `CloudAdapter` with no
 * app id sends replies, proactive messages and meeting API calls to it with no Authorization header.
 *
 * Routes answered (shapes as botframework-connector expects them):
 *   POST /v3/conversations                                  create conversation -> 201 { id }
 *   POST /v3/conversations/:id/activities[/:replyToId]      send / reply        -> 201 { id }
 *   PUT  /v3/conversations/:id/activities/:activityId       update              -> 200 { id }
 *   GET  /v3/conversations/:id/members/:userId              member              -> 200 TeamsChannelAccount
 *   POST /v1/meetings/:meetingId/notification               targeted notification -> 202
 *   GET  /v1/meetings/:meetingId/participants/:userId       participant (scriptable inMeeting/role)
 *   GET  /v1/meetings/:meetingId                            meeting info (scriptable details.type)
 * Anything else gets 404 with a connector-style error body.
 */

/** One request as it reached the fake; `path` is relative to the connector's base URL. */
export interface ConnectorRequest {
  method: string;
  /** The raw path without the query string, e.g. `/v3/conversations/a%3A1/activities`. */
  path: string;
  query: Record<string, string>;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed JSON body, or undefined when there was none. */
  body: unknown;
}

/** One request the fake received. Path segments are URL-decoded in `decodedPath`, not in `path`. */
export interface RecordedRequest extends ConnectorRequest {
  /** The same path with each segment decoded, e.g. `/v3/conversations/a:1/activities`. */
  decodedPath: string;
  /** When it arrived, by the connector's clock (the simulated clock in the simulator). */
  receivedAt: number;
  /** The status the fake answered. */
  status?: number;
  /** The id the fake gave a sent or created activity (so a later update can be matched to it). */
  activityId?: string;
}

/** What the fake answers. */
export interface ConnectorReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

/** What the fake says about one person in one meeting. */
export interface FakeParticipant {
  inMeeting: boolean;
  role?: string;
  name?: string;
  aadObjectId?: string;
  tenantId?: string;
}

/** What the fake says about one meeting (`details.type`: Scheduled, MeetNow, OneToOneCall, ...). */
export interface FakeMeetingInfo {
  type?: string;
  title?: string;
  organizerAadObjectId?: string;
  tenantId?: string;
  /** ISO times, as Teams' `details.scheduledStartTime` / `scheduledEndTime`. */
  scheduledStartTime?: string;
  scheduledEndTime?: string;
}

/** Options for {@link FakeConnectorCore}. */
export interface FakeConnectorOptions {
  /** Stamps recorded requests; default real time. */
  now?: () => number;
  /** Who a member id is (for `GET .../members/:userId`); default a placeholder named "Fake Member". */
  member?: (userId: string) => { id: string; name: string; aadObjectId?: string } | undefined;
}

type Route = {
  method: string;
  pattern: RegExp;
  answer: (request: RecordedRequest, params: string[]) => ConnectorReply;
};

/** Teams gives one 1:1 conversation per user and bot; the fake does the same, with a readable id. */
export function personalConversationId(userId: string): string {
  return `a:dev-1to1-${userId}`;
}

function decode(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

/** The fake connector: answers requests, records them, and can be scripted. */
export class FakeConnectorCore {
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[] = [];
  private readonly participants = new Map<string, FakeParticipant>();
  private readonly meetings = new Map<string, FakeMeetingInfo>();
  private readonly failures: Array<{ status: number; retryAfterSeconds?: number }> = [];
  private nextId = 1;
  private readonly routes: Route[];

  constructor(private readonly options: FakeConnectorOptions = {}) {
    this.routes = [
      {
        method: 'POST',
        pattern: /^\/v3\/conversations$/,
        answer: (r) => ({
          status: 201,
          body: { id: this.conversationFor(r.body), activityId: this.newId('fake-activity-') },
        }),
      },
      {
        method: 'POST',
        pattern: /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?$/,
        answer: () => ({ status: 201, body: { id: this.newId('fake-activity-') } }),
      },
      {
        method: 'PUT',
        pattern: /^\/v3\/conversations\/([^/]+)\/activities\/([^/]+)$/,
        answer: (_r, [, activityId]) => ({ status: 200, body: { id: activityId } }),
      },
      {
        method: 'GET',
        pattern: /^\/v3\/conversations\/([^/]+)\/members\/([^/]+)$/,
        answer: (_r, [, userId = '']) => ({ status: 200, body: { userRole: 'user', ...this.memberOf(userId) } }),
      },
      { method: 'POST', pattern: /^\/v1\/meetings\/([^/]+)\/notification$/, answer: () => ({ status: 202 }) },
      {
        method: 'GET',
        pattern: /^\/v1\/meetings\/([^/]+)\/participants\/([^/]+)$/,
        answer: (r, [meetingId = '', userId = '']) => this.participant(r, meetingId, userId),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/meetings\/([^/]+)$/,
        answer: (_r, [meetingId = '']) => this.meetingInfo(meetingId),
      },
    ];
  }

  /** Answers one request and records it. */
  handle(request: ConnectorRequest): ConnectorReply {
    const path = request.path.replace(/\/{2,}/g, '/');
    const recorded: RecordedRequest = {
      ...request,
      path,
      decodedPath: path.split('/').map(decode).join('/'),
      receivedAt: (this.options.now ?? Date.now)(),
    };
    this.requests.push(recorded);
    const failure = this.failures.shift();
    if (failure) {
      return {
        status: (recorded.status = failure.status),
        body: {
          error: {
            code: failure.status === 429 ? 'TooManyRequests' : 'ServiceError',
            message: 'Scripted failure from the fake connector.',
          },
        },
        ...(failure.retryAfterSeconds === undefined
          ? {}
          : { headers: { 'Retry-After': String(failure.retryAfterSeconds) } }),
      };
    }
    const reply = this.route(recorded);
    recorded.status = reply.status;
    const id = (reply.body as { id?: unknown } | undefined)?.id;
    if (typeof id === 'string' && /\/activities/.test(path)) recorded.activityId = id;
    return reply;
  }

  private route(recorded: RecordedRequest): ConnectorReply {
    for (const route of this.routes) {
      const match = route.method === recorded.method ? route.pattern.exec(recorded.path) : null;
      if (match)
        return route.answer(
          recorded,
          match.slice(1).map((p) => (p === undefined ? '' : decode(p))),
        );
    }
    return {
      status: 404,
      body: {
        error: {
          code: 'NotFound',
          message: `The fake connector has no route for ${recorded.method} ${recorded.path}.`,
        },
      },
    };
  }

  /** Requests whose decoded path starts with `pathPrefix`. */
  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.requests.filter((r) => r.decodedPath.startsWith(pathPrefix));
  }

  /** The next `n` requests are answered `status` (e.g. 429 or 503), with `Retry-After` when given. */
  failNext(n: number, status: number, retryAfterSeconds?: number): void {
    for (let i = 0; i < n; i++)
      this.failures.push(retryAfterSeconds === undefined ? { status } : { status, retryAfterSeconds });
  }

  /** Drops the scripted failures not yet used: the connector answers normally again. */
  recover(): void {
    this.failures.length = 0;
  }

  /** Scripts what `GET /v1/meetings/:meetingId/participants/:userId` answers. */
  setParticipant(meetingId: string, userId: string, participant: FakeParticipant): void {
    this.participants.set(`${meetingId}\n${userId}`, participant);
  }

  /** Scripts what `GET /v1/meetings/:meetingId` answers. */
  setMeetingInfo(meetingId: string, info: FakeMeetingInfo): void {
    this.meetings.set(meetingId, info);
  }

  /** Forgets recorded requests (scripted answers stay). */
  clear(): void {
    this.requests.splice(0, this.requests.length);
  }

  private newId(prefix: string): string {
    return `${prefix}${this.nextId++}`;
  }

  /** A 1:1 chat with one user always gets that user's conversation id; anything else a new one. */
  private conversationFor(body: unknown): string {
    const b = (body ?? {}) as { isGroup?: boolean; members?: Array<{ id?: unknown }> };
    const only = b.members?.length === 1 ? b.members[0]?.id : undefined;
    return b.isGroup !== true && typeof only === 'string' && only
      ? personalConversationId(only)
      : this.newId('a:fake-conversation-');
  }

  private memberOf(userId: string): { id: string; name: string; aadObjectId?: string } {
    return this.options.member?.(userId) ?? { id: userId, name: 'Fake Member', aadObjectId: userId };
  }

  private participant(request: RecordedRequest, meetingId: string, userId: string): ConnectorReply {
    const p = this.participants.get(`${meetingId}\n${userId}`);
    if (!p)
      return { status: 404, body: { error: { code: 'NotFound', message: 'Participant not found in this meeting.' } } };
    return {
      status: 200,
      body: {
        user: {
          id: userId,
          name: p.name ?? 'Fake Participant',
          aadObjectId: p.aadObjectId,
          tenantId: p.tenantId ?? request.query.tenantId,
        },
        meeting: { role: p.role ?? 'Attendee', inMeeting: p.inMeeting },
        conversation: { id: `19:meeting_${meetingId}@thread.v2`, isGroup: true, conversationType: 'groupChat' },
      },
    };
  }

  private meetingInfo(meetingId: string): ConnectorReply {
    const m = this.meetings.get(meetingId) ?? {};
    return {
      status: 200,
      body: {
        details: {
          id: meetingId,
          title: m.title ?? 'Fake lesson',
          type: m.type ?? 'Scheduled',
          joinUrl: 'https://teams.example/l/meetup-join/fake',
          ...(m.scheduledStartTime ? { scheduledStartTime: m.scheduledStartTime } : {}),
          ...(m.scheduledEndTime ? { scheduledEndTime: m.scheduledEndTime } : {}),
        },
        conversation: { id: `19:meeting_${meetingId}@thread.v2`, isGroup: true, conversationType: 'groupChat' },
        organizer: { id: '29:fake-organizer', aadObjectId: m.organizerAadObjectId, tenantId: m.tenantId },
      },
    };
  }
}
