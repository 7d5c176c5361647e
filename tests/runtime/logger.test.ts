import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { createLogger } from '../../bot/src/runtime/logger.js';
import { personalChatActivities } from '../../bot/src/dev/activities.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector } from '../support/fakeConnector.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

function capture() {
  const lines: Array<Record<string, unknown>> = [];
  const stream = new Writable({
    write(chunk: Buffer, _enc, done) {
      for (const line of chunk.toString().split('\n').filter(Boolean))
        lines.push(JSON.parse(line) as Record<string, unknown>);
      done();
    },
  });
  return { lines, logger: createLogger('info', stream) };
}

describe('runtime/logger', () => {
  it('redacts secret-bearing fields', async () => {
    const { lines, logger } = capture();
    logger.info({ authorization: 'Bearer x.y.z', token: 't', headers: { authorization: 'Bearer a.b.c' } }, 'first');
    await new Promise((r) => setImmediate(r));
    assert.equal(lines[0]?.authorization, '[redacted]');
    assert.equal(lines[0]?.token, '[redacted]');
    assert.deepEqual(lines[0]?.headers, { authorization: '[redacted]' });
  });

  it("a bot request's log lines carry the request's correlation id and no personal data", async () => {
    const { lines, logger } = capture();
    const service = await startTestService({ logger });
    try {
      const school = sampleSchool();
      const malformedJoin = (meetingId: string) => {
        const join = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: 'http://127.0.0.1:9/' }).join(
          school.pupils[0]!,
          Date.now(),
        );
        delete (join.value as { members?: unknown }).members;
        return join;
      };
      // Two turns at once: each line carries its own request's id, never the other's.
      const statuses = await Promise.all([
        postActivity(service.url, malformedJoin('corr-meeting-a'), { 'x-correlation-id': 'corr-aaaaaaaa' }),
        postActivity(service.url, malformedJoin('corr-meeting-b'), { 'x-correlation-id': 'corr-bbbbbbbb' }),
      ]);
      assert.deepEqual(statuses, [200, 200]);
      await new Promise((r) => setImmediate(r));
      const warnings = lines.filter((l) => l.msg === 'malformed meeting event ignored');
      assert.deepEqual(warnings.map((l) => l.correlationId).sort(), ['corr-aaaaaaaa', 'corr-bbbbbbbb']);
      assert.ok(!JSON.stringify(lines).includes(school.pupils[0]!.name), 'no pupil name in any log line');
    } finally {
      await service.stop();
    }
  });

  it("a chat message's log lines carry its request's correlation id", async () => {
    const { lines, logger } = capture();
    const connector = await startFakeConnector();
    const service = await startTestService({ logger });
    try {
      const school = sampleSchool();
      const message = personalChatActivities({
        tenantId: school.tenantId,
        serviceUrl: connector.url,
        conversationId: 'a:personal-chat',
        person: school.teacher,
      }).message(Date.now(), 'help');
      await postActivity(service.url, message, { 'x-correlation-id': 'chat-12345678' });
      await new Promise((r) => setImmediate(r));
      const chatLines = lines.filter((l) => /^(chat |could not tell)/.test(String(l.msg)));
      assert.ok(chatLines.length > 0, JSON.stringify(lines.map((l) => l.msg)));
      assert.deepEqual(new Set(chatLines.map((l) => l.correlationId)), new Set(['chat-12345678']));
    } finally {
      await service.stop();
      await connector.stop();
    }
  });
});
