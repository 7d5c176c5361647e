import { strict as assert } from 'node:assert';
import { connect, type Socket } from 'node:net';
import { MAX_BODY_BYTES } from '../../bot/src/http/requestParts.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const t0 = Date.parse('2026-01-15T09:00:00Z');

describe('faults: abusive HTTP requests to /api/messages', function () {
  this.timeout(30_000);
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;
  const raw = (body: string, contentType = 'application/json') =>
    fetch(`${service.url}/api/messages`, { method: 'POST', headers: { 'content-type': contentType }, body });

  before(async () => {
    connector = await startFakeConnector();
    service = await startTestService({ staffList: school.staffList() });
  });
  after(async () => {
    await service.stop();
    await connector.stop();
  });

  /** A real activity still goes through afterwards: nothing above harmed the service. */
  async function stillServes(): Promise<void> {
    const lesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: `MCMxOTphYnVzZS0${Math.random().toString(36).slice(2)}`,
      serviceUrl: connector.url,
    });
    assert.equal(await postActivity(service.url, lesson.start(t0)), 200);
  }

  it('refuses a body over the size limit with 413 and a sentence saying what to do', async () => {
    const activity = lessonActivities({
      tenantId: school.tenantId,
      meetingId: 'MCMxOTpiaWc=',
      serviceUrl: connector.url,
    }).start(t0);
    const res = await raw(JSON.stringify({ ...activity, padding: 'x'.repeat(MAX_BODY_BYTES) }));
    assert.equal(res.status, 413);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /too large/);
    await stillServes();
  });

  for (const type of [
    'text/plain',
    'application/x-www-form-urlencoded',
    'multipart/form-data; boundary=x',
    'application/xml',
  ]) {
    it(`refuses a body sent as ${type.split(';')[0]} with 415`, async () => {
      const res = await raw('{"type":"event"}', type);
      assert.equal(res.status, 415);
      await res.text();
    });
  }

  for (const body of ['{"type": "event",', '{type: event}', '\u0000\u0001', '{"a":1}}']) {
    it(`refuses malformed JSON ${JSON.stringify(body)} with 400`, async () => {
      const res = await raw(body);
      assert.equal(res.status, 400);
      assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'badRequest');
    });
  }

  it('keeps serving others while a slow client sends half a request and stalls', async () => {
    const sockets: Socket[] = [];
    try {
      const port = new URL(service.url).port;
      for (let i = 0; i < 5; i++) {
        const socket = connect(Number(port), '127.0.0.1');
        socket.on('error', () => undefined);
        await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
        // Headers promise 1 KiB of body; only a few bytes ever come.
        socket.write(
          `POST /api/messages HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 1024\r\n\r\n{"type":`,
        );
        sockets.push(socket);
      }
      await stillServes();
      assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
      assert.ok(
        sockets.every((s) => !s.destroyed),
        'the stalled clients are still connected (the test really held them open)',
      );
    } finally {
      for (const s of sockets) s.destroy();
    }
  });
});
