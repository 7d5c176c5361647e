/**
 * The fake Bot Connector's server (see `fakeConnector.ts`): node:http on 127.0.0.1 around the simulator's connector,
 * recording every request, with the hang and release switches for calls Teams never answers.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FakeConnectorCore } from '../../bot/src/dev/connector/fakeConnector.js';
import { decodeSegment, type ConnectorReply, type RecordedRequest } from '../../bot/src/dev/connector/connectorWire.js';
import type { FakeMeetingInfo, FakeParticipant } from '../../bot/src/dev/connector/meetingAnswers.js';

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

/** The request body: parsed JSON, else the text, else undefined. */
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

/** Answers a request as the simulator's connector decided. */
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
