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

import {
  connectorError,
  decodeSegment,
  type ConnectorReply,
  type ConnectorRequest,
  type RecordedRequest,
} from './connectorWire.js';
import { meetingInfoReply, participantReply, type FakeMeetingInfo, type FakeParticipant } from './meetingAnswers.js';

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
        answer: (r, [meetingId = '', userId = '']) =>
          participantReply(meetingId, userId, this.participants.get(`${meetingId}\n${userId}`), r.query.tenantId),
      },
      {
        method: 'GET',
        pattern: /^\/v1\/meetings\/([^/]+)$/,
        answer: (_r, [meetingId = '']) => meetingInfoReply(meetingId, this.meetings.get(meetingId) ?? {}),
      },
    ];
  }

  /** Answers one request and records it. */
  handle(request: ConnectorRequest): ConnectorReply {
    const path = request.path.replace(/\/{2,}/g, '/');
    const recorded: RecordedRequest = {
      ...request,
      path,
      decodedPath: path.split('/').map(decodeSegment).join('/'),
      receivedAt: (this.options.now ?? Date.now)(),
    };
    this.requests.push(recorded);
    const failure = this.failures.shift();
    if (failure) {
      recorded.status = failure.status;
      return {
        ...connectorError(
          failure.status,
          failure.status === 429 ? 'TooManyRequests' : 'ServiceError',
          'Scripted failure from the fake connector.',
        ),
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
          match.slice(1).map((p) => (p === undefined ? '' : decodeSegment(p))),
        );
    }
    return connectorError(404, 'NotFound', `The fake connector has no route for ${recorded.method} ${recorded.path}.`);
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
}
