import { strict as assert } from 'node:assert';
import { createServer, type Server, type Socket } from 'node:net';
import type { AddressInfo } from 'node:net';
import { callDeadlinePolicy } from '../../bot/src/storage/callDeadline.js';
import { TableConcernStore } from '../../bot/src/storage/concerns/tableConcernStore.js';
import { isUnavailable, StorageUnavailableError } from '../../bot/src/storage/errors.js';
import { createStorageTables, type StorageTables } from '../../bot/src/storage/tableClients.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { TableTimerStore } from '../../bot/src/storage/tableTimerStore.js';
import { sharedAzurite } from '../support/azurite.js';
import { endedEvent, lessonState } from './storageFixtures.js';

/** A TCP server that accepts every connection and never answers: a hung storage front end. */
async function startSilentServer(): Promise<{ port: number; connections: () => number; stop(): Promise<void> }> {
  const sockets: Socket[] = [];
  const server: Server = createServer((socket) => {
    socket.on('error', () => undefined);
    sockets.push(socket);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    port: (server.address() as AddressInfo).port,
    connections: () => sockets.length,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

describe('storage/callDeadline: every Table call has a deadline', function () {
  // Without a deadline the calls below would hang until mocha's timeout, which is what the test catches.
  this.timeout(10_000);
  let silent: Awaited<ReturnType<typeof startSilentServer>>;
  let tables: StorageTables;
  const key = { tenantId: 't', meetingId: 'm' };

  before(async () => {
    silent = await startSilentServer();
    const azurite = await sharedAzurite();
    const connectionString = azurite.connectionString.replace(`:${azurite.port}/`, `:${silent.port}/`);
    // Retries stay on: the deadline covers the whole call, back-off included.
    tables = createStorageTables({
      connectionString,
      tablePrefix: 'hung',
      timeoutMs: 300,
      clientOptions: { retryOptions: { maxRetries: 3, retryDelayInMs: 50 } },
    });
  });
  after(() => silent.stop());

  it('a store call against a server that never answers rejects as an outage', async () => {
    const meetings = new TableMeetingStore(tables.meetings);
    const failures = await Promise.allSettled([
      tables.ensureTables(),
      meetings.load(key),
      meetings.commit(key, endedEvent('e', 1), { state: lessonState('t', 'm'), alerts: {} }, undefined),
      new TableTimerStore(tables.timers).claimDue(Date.now(), 5),
      new TableConcernStore(tables.concerns).get('t', 'C-AAAAAA'),
    ]);
    for (const failure of failures) {
      assert.equal(failure.status, 'rejected');
      assert.ok(failure.reason instanceof StorageUnavailableError, String(failure.reason));
      assert.ok(isUnavailable(failure.reason));
    }
    assert.ok(silent.connections() > 0, 'the calls really reached the silent server');
  });

  it('a raw SDK call past its deadline is an outage too (the outage buffer uses isUnavailable)', async () => {
    const error = await tables.conversations.getEntity('p', 'r').then(
      () => undefined,
      (e: unknown) => e,
    );
    assert.ok(error, 'the call must fail');
    assert.ok(isUnavailable(error));
  });

  it("keeps a caller's own abort signal working alongside the deadline", async () => {
    const mine = new AbortController();
    const call = tables.conversations.getEntity('p', 'r', { abortSignal: mine.signal });
    mine.abort();
    await assert.rejects(call, (e: unknown) => isUnavailable(e));
  });

  it('refuses a deadline that is not a positive whole number of milliseconds', () => {
    for (const bad of [0, -1, 1.5, Number.NaN]) assert.throws(() => callDeadlinePolicy(bad), RangeError);
  });
});
