import { strict as assert } from 'node:assert';
import type { AddressInfo } from 'node:net';
import { ConcurrencyExhaustedError } from '../../bot/src/app/lesson/applyMeetingEvent.js';
import { OutageBufferFullError } from '../../bot/src/app/lesson/outageBuffer.js';
import { createHttpServer } from '../../bot/src/http/server.js';
import { createAdapter } from '../../bot/src/teams/createAdapter.js';
import { mountBotEndpoint } from '../../bot/src/teams/mountBotEndpoint.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { memoryLogger, postActivity } from '../support/serviceHarness.js';

describe('teams: a turn that fails', () => {
  const school = sampleSchool();
  const activity = lessonActivities({
    tenantId: school.tenantId,
    meetingId: 'turn-errors',
    serviceUrl: 'http://127.0.0.1:9/',
  }).join(school.pupils[0]!, Date.parse('2026-01-15T09:00:00Z'));

  async function statusWhenTurnThrows(
    error: Error,
    headers: Record<string, string> = {},
  ): Promise<{ status: number; logged: number; log: string; correlationIds: unknown[] }> {
    const logger = memoryLogger();
    const server = createHttpServer({ logger, health: () => ({ status: 'ok', checks: {} }) });
    mountBotEndpoint(
      server,
      createAdapter({ type: 'MultiTenant' }, logger),
      {
        run: async () => {
          throw error;
        },
      },
      { admits: () => true },
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    try {
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      const status = await postActivity(url, activity, headers);
      const failures = logger.lines.filter((l) => l.msg === 'turn failed');
      return {
        status,
        logged: failures.length,
        log: JSON.stringify(logger.lines),
        correlationIds: failures.map((l) => (l.obj as { correlationId?: unknown }).correlationId),
      };
    } finally {
      await new Promise<void>((resolve) => server.close(() => resolve()));
    }
  }

  it('answers a server error when the event could not be recorded yet (storage contention or a full outage buffer), so Teams sends it again', async () => {
    for (const error of [new ConcurrencyExhaustedError('busy'), new OutageBufferFullError('full')]) {
      const { status, logged } = await statusWhenTurnThrows(error);
      assert.equal(status, 500, error.name);
      assert.equal(logged, 1, 'logged once');
    }
  });

  it('ends the turn with the error logged once when a redelivery would not help (a bug or bad data)', async () => {
    const { status, logged } = await statusWhenTurnThrows(new TypeError('bug'));
    assert.deepEqual({ status, logged }, { status: 200, logged: 1 });
  });

  it("logs the error's name, never its message, which may quote what the turn was handling", async () => {
    const { logged, log } = await statusWhenTurnThrows(
      new SyntaxError('Unexpected token in "Amelia (FAKE) is scared"'),
    );
    assert.equal(logged, 1);
    assert.ok(log.includes('SyntaxError'));
    assert.ok(!log.includes('Amelia'), log);
  });

  it("ties the failure's log line to the request by its correlation id", async () => {
    const { correlationIds } = await statusWhenTurnThrows(new TypeError('bug'), {
      'x-correlation-id': 'turn-12345678',
    });
    assert.deepEqual(correlationIds, ['turn-12345678']);
  });
});
