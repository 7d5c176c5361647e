import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { createStorageTables } from '../../bot/src/storage/tableClients.js';
import { TableRequestKeyStore } from '../../bot/src/storage/tableRequestKeyStore.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';

describe('storage/tableRequestKeyStore', () => {
  let store: TableRequestKeyStore;
  let table: TableClient;
  const request = { tenantId: 'tenant-1', callerId: 'staff-1', endpoint: 'meeting-1/breach', key: 'key-12345678' };

  beforeEach(async () => {
    const azurite = await sharedAzurite();
    table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('keys'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    store = new TableRequestKeyStore(table);
  });

  it('claims a new key once; the same content again is a repeat, different content a conflict', async () => {
    assert.equal(await store.claim(request, { kind: 'breach', note: 'a' }), 'new');
    assert.equal(await store.claim(request, { note: 'a', kind: 'breach' }), 'repeat', 'field order does not matter');
    assert.equal(await store.claim(request, { kind: 'breach', note: 'b' }), 'conflict');
    assert.equal(await store.claim(request, { kind: 'breach' }), 'conflict');
  });

  it('scopes a key to its tenant, caller and endpoint', async () => {
    assert.equal(await store.claim(request, { kind: 'breach' }), 'new');
    assert.equal(await store.claim({ ...request, callerId: 'staff-2' }, { kind: 'breach', note: 'x' }), 'new');
    assert.equal(await store.claim({ ...request, endpoint: 'meeting-1/checklist' }, { kind: 'checklist' }), 'new');
    assert.equal(await store.claim({ ...request, endpoint: 'meeting-2/breach' }, { kind: 'breach', note: 'y' }), 'new');
    assert.equal(await store.claim({ ...request, tenantId: 'tenant-2' }, { kind: 'breach', note: 'z' }), 'new');
  });

  it('forgets keys older than the cutoff, at most `max` per call, across tenants; a forgotten key can be claimed anew', async () => {
    const day = 86_400_000;
    let now = Date.parse('2026-01-01T09:00:00Z');
    const aged = new TableRequestKeyStore(table, () => now);
    for (const key of ['old-1', 'old-2', 'old-3']) assert.equal(await aged.claim({ ...request, key }, 1), 'new');
    assert.equal(await aged.claim({ ...request, tenantId: 'tenant-2', key: 'old-4' }, 1), 'new');
    now += 8 * day;
    assert.equal(await aged.claim({ ...request, key: 'recent' }, 1), 'new');
    const cutoff = now - 7 * day;
    assert.equal(await aged.forgetBefore(cutoff, 2), 2, 'no more than asked');
    assert.equal(await aged.forgetBefore(cutoff, 10), 2, 'the rest, whichever tenant');
    assert.equal(await aged.forgetBefore(cutoff, 10), 0);
    assert.equal(await aged.claim({ ...request, key: 'recent' }, 2), 'conflict', 'a recent key is kept');
    assert.equal(await aged.claim({ ...request, key: 'old-1' }, 2), 'new', 'a forgotten key is new again');
  });

  it('keeps ids with any characters apart (keys are hashed, never escaped or cut)', async () => {
    assert.equal(await store.claim({ ...request, callerId: "odd'/#?\u0001id", key: 'k'.repeat(2000) }, 1), 'new');
    assert.equal(await store.claim({ ...request, callerId: "odd'/#?\u0001id", key: 'k'.repeat(2000) }, 2), 'conflict');
    assert.equal(await store.claim({ ...request, callerId: "odd'/#?\u0001id", key: 'k'.repeat(1999) }, 2), 'new');
  });

  it('says "unchecked" (and records nothing) when storage cannot be reached, so the write is not lost', async () => {
    const azurite = await sharedAzurite();
    const closed = await freePort();
    const tables = createStorageTables({
      connectionString: azurite.connectionString.replace(`:${azurite.port}/`, `:${closed}/`),
      tablePrefix: 'down',
      clientOptions: { retryOptions: { maxRetries: 0 } },
    });
    assert.equal(await new TableRequestKeyStore(tables.idempotency).claim(request, { kind: 'breach' }), 'unchecked');
  });
});
