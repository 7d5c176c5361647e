/**
 * A local fake of Microsoft Graph (v1.0), of the Entra token endpoint and of App Service's managed
 * identity endpoint, on 127.0.0.1 with a free port, speaking the documented shapes: onlineMeeting
 * get-by-join-URL and PATCH and attendance reports (`fakeGraphMeetings.ts`), tokens
 * (`fakeGraphTokens.ts`), `checkMemberGroups` over a directory of users and nested groups, and JSON
 * batching (`$batch`). It
 * records every request and can be scripted to answer the next matching requests with any status and
 * headers (429 + Retry-After, 403), also inside a batch. Taking away part of `meetingAccess` makes the
 * online meeting routes refuse as Graph does without the permission or the application access policy.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  fullMeetingAccess,
  meetingRoutes,
  reportRoutes,
  type FakeMeetingAccess,
  type FakeMeetings,
} from './fakeGraphMeetings.js';
import { clientCredentialsToken, managedIdentityToken } from './fakeGraphTokens.js';

/** A request as the fake received it. */
export interface RecordedRequest {
  method: string;
  /** Path with segments decoded, without the query. */
  path: string;
  query: Record<string, string>;
  authorization?: string;
  /** The `X-IDENTITY-HEADER` secret sent to the managed identity endpoint. */
  identityHeader?: string;
  /** Parsed JSON, or the form fields of a token request. */
  body: unknown;
}

/** A canned answer for a scripted request. */
export interface ScriptedReply {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Wait this long before answering (to exercise client timeouts). */
  delayMs?: number;
}

/** A JSON object as the fake stores and answers it. */
export type Json = Record<string, unknown>;
type Route = (req: RecordedRequest) => ScriptedReply | undefined;

/** The running fake. Seed it with meetings, reports and the directory; read `requests` after. */
export class FakeGraph {
  readonly requests: RecordedRequest[] = [];
  /** onlineMeeting objects by id, each with the organizer user id allowed to read it. */
  readonly meetings: FakeMeetings = new Map();
  /** What the admin granted for online meetings (all of it unless a test takes some away). */
  meetingAccess: FakeMeetingAccess = fullMeetingAccess();
  /** Attendance reports by meeting id; each report carries its `attendanceRecords`. */
  readonly reports = new Map<string, Json[]>();
  /** Entra users and groups; a group's members are user or group ids (nested groups count, transitively). */
  readonly directory = { users: new Set<string>(), groups: new Map<string, string[]>() };
  /** Requests carried inside `$batch` calls, as if sent alone (they are not in `requests`). */
  readonly batchedRequests: RecordedRequest[] = [];
  /** The `IDENTITY_HEADER` value the managed identity endpoint expects. */
  readonly identityHeader = 'fake-identity-header';
  tokensIssued = 0;
  private readonly scripted: Array<{ method: string; path: RegExp; reply: ScriptedReply }> = [];

  constructor(
    readonly origin: string,
    private readonly close: () => Promise<void>,
  ) {}

  /** `GRAPH_BASE_URL` for the client under test. */
  get graphBaseUrl(): string {
    return `${this.origin}/v1.0`;
  }

  /** The authority host for the token provider under test. */
  get authorityHost(): string {
    return this.origin;
  }

  /**
   * The settings of a deployment whose Graph signs in with a client secret at this fake (`GRAPH_*`,
   * `AAD_AUTHORITY_HOST`).
   */
  deploymentEnv(tenantId: string): Record<string, string> {
    return {
      GRAPH_BASE_URL: this.graphBaseUrl,
      AAD_AUTHORITY_HOST: this.authorityHost,
      GRAPH_CLIENT_ID: 'graph-app',
      GRAPH_CLIENT_SECRET: 'not-a-secret',
      GRAPH_TENANT_ID: tenantId,
    };
  }

  /** `IDENTITY_ENDPOINT` for `@azure/identity` on "App Service". */
  get identityEndpoint(): string {
    return `${this.origin}/msi/token`;
  }

  /** Answers the next requests matching `method` and `path`, in order, with `replies`. */
  script(method: string, path: RegExp, ...replies: ScriptedReply[]): void {
    this.scripted.push(...replies.map((reply) => ({ method, path, reply })));
  }

  /** Requests to Graph (not the token endpoint) with this method whose path matches. */
  graphRequests(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && r.path.startsWith('/v1.0/') && path.test(r.path));
  }

  stop(): Promise<void> {
    return this.close();
  }

  /** Records and answers one request. */
  handle(req: RecordedRequest): ScriptedReply {
    this.requests.push(req);
    return this.route(req);
  }

  /** Routes one request: scripted replies first, then the documented behaviour. */
  private route(req: RecordedRequest): ScriptedReply {
    const index = this.scripted.findIndex((s) => s.method === req.method && s.path.test(req.path));
    if (index >= 0) return this.scripted.splice(index, 1)[0]!.reply;
    if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(req.path)) return clientCredentialsToken(this, req);
    if (req.path === '/msi/token') return managedIdentityToken(this, req);
    if (!req.authorization?.startsWith('Bearer fake-token-')) return error(401, 'InvalidAuthenticationToken');
    const meetings: Route = (r) => meetingRoutes(this.meetings, this.meetingAccess, r);
    const reports: Route = (r) => reportRoutes(this.reports, this.meetingAccess, r);
    for (const route of [this.batchRoute, this.memberRoutes, meetings, reports]) {
      const reply = route(req);
      if (reply) return reply;
    }
    return error(404, 'NotFound');
  }

  /** Whether `memberId` is in `groupId`, directly or through nested groups. */
  isMember(memberId: string, groupId: string, seen = new Set<string>()): boolean {
    if (seen.has(groupId)) return false;
    seen.add(groupId);
    const members = this.directory.groups.get(groupId) ?? [];
    return (
      members.includes(memberId) ||
      members.some((m) => this.directory.groups.has(m) && this.isMember(memberId, m, seen))
    );
  }

  private readonly memberRoutes: Route = (req) => {
    const m = req.path.match(/^\/v1\.0\/users\/([^/]+)\/checkMemberGroups$/);
    if (!m || req.method !== 'POST') return undefined;
    const groupIds = (req.body as Json | undefined)?.groupIds;
    if (!Array.isArray(groupIds) || groupIds.length > 20) return error(400, 'Request_BadRequest');
    if (!this.directory.users.has(m[1]!)) return error(404, 'Request_ResourceNotFound');
    const value = groupIds.filter((g): g is string => typeof g === 'string' && this.isMember(m[1]!, g));
    return { status: 200, body: { '@odata.context': `${this.graphBaseUrl}/$metadata#Collection(Edm.String)`, value } };
  };

  /** JSON batching: at most 20 requests with unique ids, a Content-Type with every body; each answered on its own. */
  private readonly batchRoute: Route = (req) => {
    if (req.path !== '/v1.0/$batch' || req.method !== 'POST') return undefined;
    const requests = (req.body as Json | undefined)?.requests;
    if (!Array.isArray(requests) || requests.length === 0 || requests.length > 20) return error(400, 'BadRequest');
    const items = requests as Array<{
      id?: unknown;
      method?: unknown;
      url?: unknown;
      headers?: Record<string, string>;
      body?: unknown;
    }>;
    const ids = items.map((item) => String(item.id ?? ''));
    if (ids.some((id) => !id) || new Set(ids).size !== ids.length) return error(400, 'BadRequest');
    const typed = (item: (typeof items)[number]) =>
      Object.keys(item.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
    if (items.some((item) => item.body !== undefined && !typed(item))) return error(400, 'BadRequest');
    const responses = items.map((item) => {
      const url = new URL(`/v1.0${String(item.url).replace(/^\/?/, '/')}`, 'http://fake');
      const inner: RecordedRequest = {
        method: String(item.method),
        path: url.pathname.split('/').map(decodeURIComponent).join('/'),
        query: Object.fromEntries(url.searchParams),
        ...(req.authorization ? { authorization: req.authorization } : {}),
        body: item.body,
      };
      this.batchedRequests.push(inner);
      const reply = this.route(inner);
      const headers = { 'Content-Type': 'application/json', ...reply.headers };
      return { id: item.id, status: reply.status, headers, ...(reply.body === undefined ? {} : { body: reply.body }) };
    });
    return { status: 200, body: { responses } };
  };
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeGraph(): Promise<FakeGraph> {
  const started: { fake?: FakeGraph } = {};
  const server = createServer((req, res) => {
    void readRequest(req).then((recorded) => send(res, started.fake!.handle(recorded)));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  const fake = new FakeGraph(
    `http://127.0.0.1:${port}`,
    () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  );
  started.fake = fake;
  return fake;
}

async function readRequest(req: IncomingMessage): Promise<RecordedRequest> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  const url = new URL(req.url ?? '/', 'http://fake');
  const isForm = (req.headers['content-type'] ?? '').includes('application/x-www-form-urlencoded');
  return {
    method: req.method ?? 'GET',
    path: url.pathname.split('/').map(decodeURIComponent).join('/'),
    query: Object.fromEntries(url.searchParams),
    ...(req.headers.authorization ? { authorization: req.headers.authorization } : {}),
    ...(typeof req.headers['x-identity-header'] === 'string'
      ? { identityHeader: req.headers['x-identity-header'] }
      : {}),
    body: !text ? undefined : isForm ? Object.fromEntries(new URLSearchParams(text)) : JSON.parse(text),
  };
}

function send(res: ServerResponse, reply: ScriptedReply): void {
  if (reply.delayMs) {
    const timer = setTimeout(() => send(res, { ...reply, delayMs: 0 }), reply.delayMs);
    res.on('close', () => clearTimeout(timer));
    return;
  }
  const body = reply.body === undefined ? '' : JSON.stringify(reply.body);
  res.writeHead(reply.status, { ...(body ? { 'content-type': 'application/json' } : {}), ...reply.headers });
  res.end(body);
}

/** A Graph error body. */
export function error(status: number, code: string): ScriptedReply {
  return { status, body: { error: { code, message: `Fake Graph: ${code}` } } };
}

/**
 * Mocha hooks for a suite that talks to a fake Graph: one server for the suite, its request log
 * cleared before each test, then `prepare` (which also hands the suite its instance) runs.
 */
export function useFakeGraph(prepare: (fake: FakeGraph) => void): void {
  let fake: FakeGraph | undefined;
  before(async () => {
    fake = await startFakeGraph();
  });
  after(() => fake?.stop());
  beforeEach(() => {
    fake!.requests.length = 0;
    fake!.batchedRequests.length = 0;
    fake!.directory.users.clear();
    fake!.directory.groups.clear();
    fake!.meetingAccess = fullMeetingAccess();
    prepare(fake!);
  });
}
