import { strict as assert } from 'node:assert';
import type { Activity, TurnContext } from 'botbuilder';
import { ConcurrencyExhaustedError } from '../../bot/src/app/lesson/applyMeetingEvent.js';
import { createAdapter } from '../../bot/src/teams/createAdapter.js';
import { memoryLogger } from '../support/serviceHarness.js';
import { anonymousAdapter } from './messages/harness.js';

/** A Teams message as a channel sends it, times as text. */
function body(): Record<string, unknown> {
  return {
    type: 'message',
    id: 'a1',
    channelId: 'msteams',
    serviceUrl: 'http://127.0.0.1:9/',
    timestamp: '2026-11-26T09:00:01.123Z',
    localTimestamp: '2026-11-26T09:00:01.123+00:00',
    expiration: '2026-11-26T10:00:00Z',
    from: { id: '29:someone' },
    recipient: { id: '28:bot' },
    conversation: { id: '19:chat' },
    text: 'hello',
  };
}

/** The activity a turn sees when `run` hands `logic` to the adapter. */
async function seenBy(run: (logic: (context: TurnContext) => Promise<void>) => Promise<unknown>): Promise<Activity> {
  let seen: Activity | undefined;
  await run(async (context) => void (seen = context.activity));
  assert.ok(seen, 'the turn ran');
  return seen;
}

describe('teams/endpointAdapter: the lean way into a turn', () => {
  it("the turn sees the activity exactly as botbuilder's own endpoint hands it over (times as Dates, text kept)", async () => {
    const own = await seenBy((logic) => {
      const res = { status: () => undefined, send: () => undefined, end: () => undefined, header: () => undefined };
      return anonymousAdapter().process({ method: 'POST', body: body(), headers: {} } as never, res as never, logic);
    });
    const lean = await seenBy((logic) =>
      createAdapter({ type: 'MultiTenant' }, memoryLogger()).handle('', body(), logic),
    );
    assert.deepEqual(lean, own);
    assert.ok(lean.timestamp instanceof Date);
    assert.equal((lean as Activity & { rawTimestamp?: string }).rawTimestamp, '2026-11-26T09:00:01.123Z');
    // Event ids are derived from the timestamp as text, so it must read as it always has.
    assert.equal(String(lean.timestamp), String(own.timestamp));
  });

  it('answers 200 with no body for a turn that ran, and 500 (sent again by the channel) for one that threw, logged once without its text', async () => {
    const logger = memoryLogger();
    const adapter = createAdapter({ type: 'MultiTenant' }, logger);
    assert.deepEqual(await adapter.handle('', body(), async () => undefined), { status: 200 });
    const failed = await adapter.handle('', body(), async () => {
      throw new ConcurrencyExhaustedError('gave up on the lesson of hello');
    });
    assert.equal(failed.status, 500);
    assert.doesNotMatch(String(failed.body), /hello|gave up/);
    const lines = logger.lines.filter((l) => l.msg?.startsWith('bot activity answered 500'));
    assert.equal(lines.length, 1);
    assert.doesNotMatch(JSON.stringify(lines), /hello/);
  });
});
