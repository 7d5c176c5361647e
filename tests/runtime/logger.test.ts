import { strict as assert } from 'node:assert';
import { Writable } from 'node:stream';
import { withCorrelation } from '../../bot/src/app/correlation.js';
import { createLogger } from '../../bot/src/runtime/logger.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
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
  it('stamps each line with the correlation id of the work in progress, and redacts secret-bearing fields', async () => {
    const { lines, logger } = capture();
    await Promise.all([
      withCorrelation('req-aaaaaaaa', async () => {
        await new Promise((r) => setTimeout(r, 5));
        logger.info({ authorization: 'Bearer x.y.z' }, 'first');
      }),
      withCorrelation('req-bbbbbbbb', async () => logger.info({}, 'second')),
    ]);
    await new Promise((r) => setImmediate(r));
    const byMsg = Object.fromEntries(lines.map((l) => [l.msg, l]));
    assert.equal(byMsg.first?.correlationId, 'req-aaaaaaaa');
    assert.equal(byMsg.second?.correlationId, 'req-bbbbbbbb');
    assert.equal(byMsg.first?.authorization, '[redacted]');
  });

  it("a bot request's log lines carry the request's correlation id and no personal data", async () => {
    const { lines, logger } = capture();
    const service = await startTestService({ logger });
    try {
      const school = sampleSchool();
      const join = lessonActivities({
        tenantId: school.tenantId,
        meetingId: 'corr-meeting',
        serviceUrl: 'http://127.0.0.1:9/',
      }).join(school.pupils[0]!, Date.now());
      delete (join.value as { members?: unknown }).members;
      assert.equal(await postActivity(service.url, join, { 'x-correlation-id': 'corr-12345678' }), 200);
      await new Promise((r) => setImmediate(r));
      const warning = lines.find((l) => l.msg === 'malformed meeting event ignored');
      assert.equal(warning?.correlationId, 'corr-12345678');
      assert.ok(!JSON.stringify(lines).includes(school.pupils[0]!.name), 'no pupil name in any log line');
    } finally {
      await service.stop();
    }
  });
});
