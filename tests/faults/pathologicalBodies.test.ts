import { strict as assert } from 'node:assert';
import { connect, type Socket } from 'node:net';
import { MAX_JSON_DEPTH } from '../../bot/src/http/jsonDepth.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { memoryLogger, postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const t0 = Date.parse('2026-01-15T09:00:00Z');

/** An HTTP response as read off a raw socket: status, JSON body, and whether the server closed the connection. */
interface RawResponse {
  status: number;
  body: { error?: { code: string; message: string } };
  closedByServer: boolean;
}

function openSocket(port: number): Promise<Socket> {
  const socket = connect(port, '127.0.0.1');
  socket.on('error', () => undefined);
  return new Promise((resolve) => socket.once('connect', () => resolve(socket)));
}

/** Collects everything the server sends until it closes the connection (or `done` says the response is whole). */
function readResponse(socket: Socket): Promise<RawResponse> {
  return new Promise((resolve) => {
    let text = '';
    const finish = (closedByServer: boolean): void => {
      const [head = '', body = ''] = text.split('\r\n\r\n');
      const status = Number(/^HTTP\/1\.1 (\d{3})/.exec(head)?.[1] ?? 0);
      const length = Number(/\r\ncontent-length: (\d+)/i.exec(head)?.[1] ?? body.length);
      resolve({ status, body: body ? (JSON.parse(body.slice(0, length)) as RawResponse['body']) : {}, closedByServer });
    };
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('utf8');
      const [head = '', body] = text.split('\r\n\r\n');
      const length = /\r\ncontent-length: (\d+)/i.exec(head)?.[1];
      if (
        body !== undefined &&
        length !== undefined &&
        Buffer.byteLength(body) >= Number(length) &&
        !/\r\nconnection: close/i.test(head)
      )
        finish(false);
    });
    socket.once('end', () => finish(true));
  });
}

function requestHead(length: number): string {
  return `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: ${length}\r\n\r\n`;
}

/** An activity Teams could send, with `value` nested `depth` levels deep (the activity object itself is one more). */
function nestedActivity(depth: number): string {
  const activity = lessonActivities({
    tenantId: school.tenantId,
    meetingId: `MCMxOTpkZWVw${depth}`,
    serviceUrl: 'http://127.0.0.1:9/',
  }).start(t0);
  const json = JSON.stringify({ ...activity, value: 0 });
  return json.replace('"value":0', `"value":${'['.repeat(depth)}${']'.repeat(depth)}`);
}

describe('faults: pathological request bodies', function () {
  this.timeout(30_000);
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;
  const logger = memoryLogger();
  const port = (): number => Number(new URL(service.url).port);
  const logged = (msg: string): number => logger.lines.filter((l) => l.msg === msg).length;

  before(async () => {
    connector = await startFakeConnector();
    service = await startTestService({
      staffList: school.staffList(),
      logger,
      env: { REQUEST_BODY_TIMEOUT_MS: '300' },
    });
  });
  after(async () => {
    await service.stop();
    await connector.stop();
  });

  async function stillServes(): Promise<void> {
    const lesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: `MCMxOTpmaW5lLS${Math.random().toString(36).slice(2)}`,
      serviceUrl: connector.url,
    });
    assert.equal(await postActivity(service.url, lesson.start(t0)), 200);
  }

  it('refuses JSON nested 25,000 levels deep with 400 and a sentence, logs it once, and keeps serving', async () => {
    const body = nestedActivity(25_000);
    const socket = await openSocket(port());
    socket.write(requestHead(Buffer.byteLength(body)) + body);
    const res = await readResponse(socket);
    socket.destroy();
    assert.equal(res.status, 400);
    assert.equal(res.body.error?.code, 'nestedTooDeeply');
    assert.match(res.body.error?.message ?? '', /nested more than \d+ levels deep; send a flatter JSON object/);
    assert.equal(logged('request body nested too deeply: refused'), 1);
    await stillServes();
  });

  it('accepts an activity nested exactly as deep as the limit allows', async () => {
    const body = nestedActivity(MAX_JSON_DEPTH - 1);
    const res = await fetch(`${service.url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body,
    });
    await res.text();
    assert.notEqual(res.status, 400);
  });

  it('answers 408 to a client that trickles its body, closes the connection, and keeps serving others', async () => {
    const body = JSON.stringify(
      lessonActivities({ tenantId: school.tenantId, meetingId: 'MCMxOTpzbG93', serviceUrl: connector.url }).start(t0),
    );
    const socket = await openSocket(port());
    const response = readResponse(socket);
    socket.write(requestHead(Buffer.byteLength(body)));
    // One byte every 100 ms: always "still sending", never done (the body is long enough for minutes).
    let sent = 0;
    const trickle = setInterval(() => {
      if (!socket.destroyed && sent < body.length - 1) socket.write(body.charAt(sent++));
    }, 100);
    try {
      const res = await response;
      assert.equal(res.status, 408);
      assert.equal(res.body.error?.code, 'requestTimeout');
      assert.match(res.body.error?.message ?? '', /took too long to arrive/);
      assert.ok(res.closedByServer, 'the server closes the slow connection');
      assert.ok(sent < body.length - 1, 'the body was still incomplete when the server answered');
    } finally {
      clearInterval(trickle);
      socket.destroy();
    }
    assert.equal(logged('request body did not arrive in time: refused'), 1);
    await stillServes();
  });
});
