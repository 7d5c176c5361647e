/**
 * A local fake of Microsoft Graph (v1.0), of the Entra token endpoint and of App Service's managed
 * identity endpoint, on 127.0.0.1 with a free port, speaking the documented shapes: onlineMeeting
 * get-by-join-URL and PATCH and attendance reports (`fakeGraphMeetings.ts`), tokens
 * (`fakeGraphTokens.ts`), `checkMemberGroups` over a directory of users and nested groups
 * (`fakeGraphDirectory.ts`), and JSON batching (`$batch`, `fakeGraphBatch.ts`), on the wire of `fakeGraphWire.ts`. It
 * records every request and can be scripted to answer the next matching requests with any status and
 * headers (429 + Retry-After, 403), also inside a batch. Taking away part of `meetingAccess` makes the
 * online meeting routes refuse as Graph does without the permission or the application access policy.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { batchRoute } from './fakeGraphBatch.js';
import { memberRoutes, type FakeDirectory } from './fakeGraphDirectory.js';
import {
  fullMeetingAccess,
  meetingRoutes,
  reportRoutes,
  type FakeMeetingAccess,
  type FakeMeetings,
} from './fakeGraphMeetings.js';
import { clientCredentialsToken, managedIdentityToken } from './fakeGraphTokens.js';
import { error, readRequest, send, type Json, type RecordedRequest, type ScriptedReply } from './fakeGraphWire.js';

export { error, type Json, type RecordedRequest, type ScriptedReply } from './fakeGraphWire.js';

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
  readonly directory: FakeDirectory = { users: new Set<string>(), groups: new Map<string, string[]>() };
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
    const batch: Route = (r) =>
      batchRoute(
        r,
        (inner) => this.route(inner),
        (inner) => this.batchedRequests.push(inner),
      );
    const members: Route = (r) => memberRoutes(this.directory, this.graphBaseUrl, r);
    const meetings: Route = (r) => meetingRoutes(this.meetings, this.meetingAccess, r);
    const reports: Route = (r) => reportRoutes(this.reports, this.meetingAccess, r);
    for (const route of [batch, members, meetings, reports]) {
      const reply = route(req);
      if (reply) return reply;
    }
    return error(404, 'NotFound');
  }
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
