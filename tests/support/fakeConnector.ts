/**
 * A fake Bot Connector (the Teams service a bot talks back to) on 127.0.0.1, for tests: a node:http
 * wrapper around the simulator's connector (`bot/src/dev/connector/fakeConnector.ts`), so the
 * protocol lives in one place. Point an activity's `serviceUrl` (or a stored conversation
 * reference) at `url` and a botbuilder `CloudAdapter` with no app id sends its replies, proactive
 * messages and meeting API calls here, with no Authorization header. Every request is recorded.
 *
 * Usage:
 *   const connector = new FakeConnector(); await connector.start();   // or: await startFakeConnector()
 *   ... drive the bot with serviceUrl = connector.url ...
 *   connector.requestsTo('/v3/conversations/a:1/activities')   // what the bot sent
 *   connector.failNext(2, 429, 1);                               // next 2 calls throttled
 *   connector.setParticipant('meeting-1', '29:pupil', { inMeeting: false });
 *   connector.hang('meeting-2');                                 // that lesson's calls are never answered
 *   connector.release();                                         // ... until now: held calls are answered
 *   await connector.stop();
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeConnectorCore } from '../../bot/src/dev/connector/fakeConnector.js';
import { decodeSegment, type ConnectorReply, type RecordedRequest } from '../../bot/src/dev/connector/connectorWire.js';
import type { FakeMeetingInfo, FakeParticipant } from '../../bot/src/dev/connector/meetingAnswers.js';

export type { RecordedRequest } from '../../bot/src/dev/connector/connectorWire.js';
export type { FakeMeetingInfo, FakeParticipant } from '../../bot/src/dev/connector/meetingAnswers.js';

/** A request the fake never answered (see `hang`). */
export interface HeldRequest {
  request: RecordedRequest;
  /**
   * Set when the client gave up waiting (closed the connection): how many requests the fake had
   * received by then, so a test can tell what arrived before and after without reading a clock.
   */
  gaveUpAfter?: number;
  /** Set by `release`: the status the fake finally answered. */
  answered?: number;
}

/** A running fake connector (what {@link startFakeConnector} returns). */
export interface RunningFakeConnector {
  /** Base URL, e.g. `http://127.0.0.1:54321/` (with the trailing slash Teams service URLs have). */
  readonly url: string;
  /** Every request received, oldest first. */
  readonly requests: RecordedRequest[];
  /** Requests whose decoded path starts with `pathPrefix`. */
  requestsTo(pathPrefix: string): RecordedRequest[];
  /** The next `n` requests are answered `status` (e.g. 429 or 503), with `Retry-After` when given. */
  failNext(n: number, status: number, retryAfterSeconds?: number): void;
  /**
   * Requests whose decoded path contains `pathPart` (e.g. a meeting or conversation id) get no
   * answer: the connection stays open until the client gives up or the fake stops. They are in
   * `requests` with no status, and in `held`. The other requests are answered as usual.
   */
  hang(pathPart: string): void;
  /** The requests `hang` held, oldest first, with the order in which their clients gave up. */
  readonly held: HeldRequest[];
  /**
   * Ends every hang: each held request still open is answered now, as the fake answers any request
   * (scripted failures first), and recorded again with that status in place of its unanswered entry.
   */
  release(): void;
  /** Drops the scripted failures not yet used and the hang switches (an outage ends). */
  recover(): void;
  /** Scripts what `GET /v1/meetings/:meetingId/participants/:userId` answers. */
  setParticipant(meetingId: string, userId: string, participant: FakeParticipant): void;
  /** Scripts what `GET /v1/meetings/:meetingId` answers. */
  setMeetingInfo(meetingId: string, info: FakeMeetingInfo): void;
  /** Forgets recorded requests (scripted answers stay). */
  clear(): void;
  stop(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}

function respond(res: ServerResponse, reply: ConnectorReply): void {
  res.writeHead(reply.status, {
    ...(reply.body === undefined ? {} : { 'Content-Type': 'application/json' }),
    ...reply.headers,
  });
  res.end(reply.body === undefined ? undefined : JSON.stringify(reply.body));
}

/** Starts a fake connector on a free port of 127.0.0.1. */
export async function startFakeConnector(): Promise<RunningFakeConnector> {
  const core = new FakeConnectorCore();
  const hung = new Set<string>();
  const held: HeldRequest[] = [];
  const open = new Map<HeldRequest, () => void>();
  const server: Server = createServer((req, res) => {
    void (async () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const body = await readBody(req);
      const request = {
        method: req.method ?? 'GET',
        path: url.pathname,
        query: Object.fromEntries(url.searchParams),
        headers: req.headers,
        body,
      };
      const decodedPath = url.pathname
        .replace(/\/{2,}/g, '/')
        .split('/')
        .map(decodeSegment)
        .join('/');
      if (![...hung].some((part) => decodedPath.includes(part))) return respond(res, core.handle(request));
      const hold: HeldRequest = { request: { ...request, decodedPath, receivedAt: Date.now() } };
      core.requests.push(hold.request);
      held.push(hold);
      open.set(hold, () => {
        core.requests.splice(core.requests.indexOf(hold.request), 1);
        const reply = core.handle(request);
        hold.request = core.requests.at(-1)!;
        hold.answered = reply.status;
        respond(res, reply);
      });
      res.on('close', () => {
        open.delete(hold);
        if (hold.answered === undefined) hold.gaveUpAfter ??= core.requests.length;
      });
    })();
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    url: `http://127.0.0.1:${port}/`,
    requests: core.requests,
    requestsTo: (pathPrefix) => core.requestsTo(pathPrefix),
    failNext: (n, status, retryAfterSeconds) => core.failNext(n, status, retryAfterSeconds),
    hang: (pathPart) => void hung.add(pathPart),
    held,
    release: () => {
      hung.clear();
      const answers = [...open.values()];
      open.clear();
      for (const answer of answers) answer();
    },
    recover: () => {
      core.recover();
      hung.clear();
    },
    setParticipant: (meetingId, userId, participant) => core.setParticipant(meetingId, userId, participant),
    setMeetingInfo: (meetingId, info) => core.setMeetingInfo(meetingId, info),
    clear: () => {
      core.clear();
      held.length = 0;
    },
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** The same fake as a class, for `before(() => connector.start())` / `after(() => connector.stop())`. */
export class FakeConnector implements RunningFakeConnector {
  private running: RunningFakeConnector | undefined;

  /** Starts listening on a free port of 127.0.0.1. */
  async start(): Promise<this> {
    this.running ??= await startFakeConnector();
    return this;
  }

  private get live(): RunningFakeConnector {
    if (!this.running) throw new Error('Call start() on the fake connector first.');
    return this.running;
  }

  get url(): string {
    return this.live.url;
  }
  get requests(): RecordedRequest[] {
    return this.live.requests;
  }
  requestsTo(pathPrefix: string): RecordedRequest[] {
    return this.live.requestsTo(pathPrefix);
  }
  recover(): void {
    this.live.recover();
  }
  hang(pathPart: string): void {
    this.live.hang(pathPart);
  }
  get held(): HeldRequest[] {
    return this.live.held;
  }
  release(): void {
    this.live.release();
  }

  failNext(n: number, status: number, retryAfterSeconds?: number): void {
    this.live.failNext(n, status, retryAfterSeconds);
  }
  setParticipant(meetingId: string, userId: string, participant: FakeParticipant): void {
    this.live.setParticipant(meetingId, userId, participant);
  }
  setMeetingInfo(meetingId: string, info: FakeMeetingInfo): void {
    this.live.setMeetingInfo(meetingId, info);
  }
  clear(): void {
    this.live.clear();
  }
  async stop(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.stop();
  }
}
