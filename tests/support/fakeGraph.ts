/**
 * A local fake of Microsoft Graph (v1.0), of the Entra token endpoint and of App Service's managed
 * identity endpoint, on 127.0.0.1 with a free port, speaking the documented shapes: onlineMeeting
 * get-by-join-URL and PATCH, attendance reports, the calls API (join, participants, remove, hang up),
 * `checkMemberGroups` over a directory of users and nested groups, and JSON batching (`$batch`). It
 * records every request and can be scripted to answer the next matching requests with any status and
 * headers (429 + Retry-After, 403), also inside a batch.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

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

type Json = Record<string, unknown>;
type Route = (req: RecordedRequest) => ScriptedReply | undefined;

/** The running fake. Seed it with meetings, reports and call rosters; read `requests` after. */
export class FakeGraph {
  readonly requests: RecordedRequest[] = [];
  /** onlineMeeting objects by id, each with the organizer user id allowed to read it. */
  readonly meetings = new Map<string, { organizerId: string; meeting: Json }>();
  /** Attendance reports by meeting id; each report carries its `attendanceRecords`. */
  readonly reports = new Map<string, Json[]>();
  /** Participants a call will list once joined (the documented `participant` shape). */
  callRoster: Json[] = [];
  readonly calls = new Map<string, { state: string; participants: Json[] }>();
  /** Entra users and groups; a group's members are user or group ids (nested groups count, transitively). */
  readonly directory = { users: new Set<string>(), groups: new Map<string, string[]>() };
  /** Requests carried inside `$batch` calls, as if sent alone (they are not in `requests`). */
  readonly batchedRequests: RecordedRequest[] = [];
  /** The `IDENTITY_HEADER` value the managed identity endpoint expects. */
  readonly identityHeader = 'fake-identity-header';
  tokensIssued = 0;
  private readonly scripted: Array<{ method: string; path: RegExp; reply: ScriptedReply }> = [];

  constructor(readonly origin: string, private readonly close: () => Promise<void>) {}

  /** `GRAPH_BASE_URL` for the client under test. */
  get graphBaseUrl(): string {
    return `${this.origin}/v1.0`;
  }

  /** The authority host for the token provider under test. */
  get authorityHost(): string {
    return this.origin;
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
    if (/^\/[^/]+\/oauth2\/v2\.0\/token$/.test(req.path)) return this.token(req);
    if (req.path === '/msi/token') return this.managedIdentityToken(req);
    if (!req.authorization?.startsWith('Bearer fake-token-')) return error(401, 'InvalidAuthenticationToken');
    for (const route of [this.batchRoute, this.memberRoutes, this.meetingRoutes, this.reportRoutes, this.callRoutes]) {
      const reply = route(req);
      if (reply) return reply;
    }
    return error(404, 'NotFound');
  }

  private token(req: RecordedRequest): ScriptedReply {
    const form = req.body as Record<string, string>;
    if (form.grant_type !== 'client_credentials' || !form.client_id || !form.client_secret) return { status: 400, body: { error: 'invalid_request' } };
    this.tokensIssued++;
    return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: `fake-token-${this.tokensIssued}` } };
  }

  /** App Service (api-version 2019-08-01): GET with `resource`, optional `client_id`, and the secret header. */
  private managedIdentityToken(req: RecordedRequest): ScriptedReply {
    if (req.method !== 'GET' || req.identityHeader !== this.identityHeader) return { status: 401, body: { error: 'unauthorized' } };
    if (req.query['api-version'] !== '2019-08-01' || !req.query.resource) return { status: 400, body: { error: 'invalid_request' } };
    this.tokensIssued++;
    const expiresOn = Math.floor(Date.now() / 1000) + 3600;
    const token = `fake-token-${this.tokensIssued}`;
    return { status: 200, body: { access_token: token, expires_on: String(expiresOn), resource: req.query.resource, token_type: 'Bearer' } };
  }

  /** Whether `memberId` is in `groupId`, directly or through nested groups. */
  isMember(memberId: string, groupId: string, seen = new Set<string>()): boolean {
    if (seen.has(groupId)) return false;
    seen.add(groupId);
    const members = this.directory.groups.get(groupId) ?? [];
    return members.includes(memberId) || members.some((m) => this.directory.groups.has(m) && this.isMember(memberId, m, seen));
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
    const items = requests as Array<{ id?: unknown; method?: unknown; url?: unknown; headers?: Record<string, string>; body?: unknown }>;
    const ids = items.map((item) => String(item.id ?? ''));
    if (ids.some((id) => !id) || new Set(ids).size !== ids.length) return error(400, 'BadRequest');
    const typed = (item: (typeof items)[number]) => Object.keys(item.headers ?? {}).some((h) => h.toLowerCase() === 'content-type');
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

  private readonly meetingRoutes: Route = (req) => {
    const list = req.path.match(/^\/v1\.0\/users\/([^/]+)\/onlineMeetings$/);
    if (list && req.method === 'GET') {
      const url = req.query.$filter?.match(/^JoinWebUrl eq '(.*)'$/)?.[1]?.replace(/''/g, "'");
      const found = [...this.meetings.values()].filter((m) => m.organizerId === list[1] && m.meeting.joinWebUrl === url);
      return { status: 200, body: { value: found.map((m) => m.meeting) } };
    }
    const one = req.path.match(/^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/([^/]+)$/);
    const entry = one ? this.meetings.get(one[2]!) : undefined;
    if (!one || !entry || entry.organizerId !== one[1]) return undefined;
    if (req.method === 'GET') return { status: 200, body: entry.meeting };
    if (req.method !== 'PATCH') return undefined;
    const patch = req.body as Json;
    const participants = patch.participants ? { ...(entry.meeting.participants as Json), ...(patch.participants as Json) } : entry.meeting.participants;
    entry.meeting = { ...entry.meeting, ...patch, participants };
    return { status: 200, body: entry.meeting };
  };

  private readonly reportRoutes: Route = (req) => {
    const m = req.path.match(/^\/v1\.0\/users\/([^/]+)\/onlineMeetings\/([^/]+)\/attendanceReports(?:\/([^/]+))?$/);
    if (!m || req.method !== 'GET') return undefined;
    const reports = this.reports.get(m[2]!) ?? [];
    const bare = ({ attendanceRecords: _records, ...report }: Json) => report;
    if (!m[3]) return { status: 200, body: { value: reports.map(bare) } };
    const report = reports.find((r) => r.id === m[3]);
    if (!report) return error(404, 'NotFound');
    return { status: 200, body: req.query.$expand === 'attendanceRecords' ? report : bare(report) };
  };

  private readonly callRoutes: Route = (req) => {
    if (req.path === '/v1.0/communications/calls' && req.method === 'POST') {
      const id = `call-${this.calls.size + 1}`;
      this.calls.set(id, { state: 'establishing', participants: [...this.callRoster] });
      return { status: 201, headers: { location: `${this.graphBaseUrl}/communications/calls/${id}` }, body: { ...(req.body as Json), id, state: 'establishing', myParticipantId: 'bot-participant' } };
    }
    const m = req.path.match(/^\/v1\.0\/communications\/calls\/([^/]+)(\/participants(?:\/([^/]+))?)?$/);
    const call = m ? this.calls.get(m[1]!) : undefined;
    if (!m || !call) return undefined;
    if (!m[2] && req.method === 'GET') {
      // The fake is established by the time anyone asks, as after the "established" notification.
      if (call.state === 'establishing') call.state = 'established';
      return { status: 200, body: { id: m[1], state: call.state } };
    }
    if (!m[2] && req.method === 'DELETE') {
      call.state = 'terminated';
      return { status: 204 };
    }
    if (m[2] && !m[3] && req.method === 'GET') return { status: 200, body: { value: call.participants } };
    if (m[3] && req.method === 'DELETE') {
      call.participants = call.participants.filter((p) => p.id !== m[3]);
      return { status: 204 };
    }
    return undefined;
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
  const fake = new FakeGraph(`http://127.0.0.1:${port}`, () => new Promise((resolve) => {
    server.closeAllConnections();
    server.close(() => resolve());
  }));
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
    ...(typeof req.headers['x-identity-header'] === 'string' ? { identityHeader: req.headers['x-identity-header'] } : {}),
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

function error(status: number, code: string): ScriptedReply {
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
    prepare(fake!);
  });
}
