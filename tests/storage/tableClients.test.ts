import { strict as assert } from 'node:assert';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { StorageUnavailableError } from '../../bot/src/storage/errors.js';
import { CALL_DEADLINE_POLICY } from '../../bot/src/storage/callDeadline.js';
import {
  createStorageTables,
  TABLE_NAMES,
  tableNameFor,
  UNNEEDED_POLICIES,
} from '../../bot/src/storage/tableClients.js';
import { TableConversationStore } from '../../bot/src/storage/tableConversationStore.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { TableTimerStore } from '../../bot/src/storage/tableTimerStore.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';
import { endedEvent, lessonState } from './storageFixtures.js';

describe('storage/tableClients', () => {
  it('creates every table under the prefix, and a second call is harmless', async () => {
    const azurite = await sharedAzurite();
    const tablePrefix = uniqueTableName('c');
    const tables = createStorageTables({ connectionString: azurite.connectionString, tablePrefix });
    await tables.ensureTables();
    await tables.ensureTables();
    for (const name of TABLE_NAMES) {
      assert.equal(tables[name].tableName, `${tablePrefix}${name}`);
      await tables[name].createEntity({ partitionKey: 'p', rowKey: 'r' });
    }
  });

  it('leaves out the pipeline steps no call needs, keeps the deadline, and the tables still read and write', async () => {
    const azurite = await sharedAzurite();
    const tables = createStorageTables({
      connectionString: azurite.connectionString,
      tablePrefix: uniqueTableName('p'),
    });
    for (const name of TABLE_NAMES) {
      const policies = tables[name].pipeline.getOrderedPolicies().map((p) => p.name);
      assert.deepEqual(
        UNNEEDED_POLICIES.filter((unneeded) => policies.includes(unneeded)),
        [],
        name,
      );
      assert.ok(policies.includes(CALL_DEADLINE_POLICY), name);
    }
    await tables.ensureTables();
    await tables.meetings.upsertEntity({ partitionKey: 'p', rowKey: 'r', note: 'é'.repeat(2000) }, 'Replace');
    const read = await tables.meetings.getEntity<{ note: string }>('p', 'r');
    assert.equal(read.note, 'é'.repeat(2000));
  });

  it('refuses a prefix that would make an invalid table name', () => {
    assert.throws(() => tableNameFor('meetings', '9bad'), /letters and digits/);
    assert.throws(() => tableNameFor('meetings', 'has-dash'), /letters and digits/);
    assert.equal(tableNameFor('meetings', 'test1'), 'test1meetings');
  });

  it('builds clients for an account URL with the credential given (managed identity in Azure)', () => {
    const credential = { getToken: async () => ({ token: 'unused', expiresOnTimestamp: 0 }) };
    const tables = createStorageTables({
      accountUrl: 'https://school.table.core.windows.net',
      credential,
      tablePrefix: 'prod',
    });
    assert.equal(tables.timers.url, 'https://school.table.core.windows.net');
    assert.equal(tables.timers.tableName, 'prodtimers');
  });

  it('raises StorageUnavailableError when nothing listens at the endpoint', async () => {
    const azurite = await sharedAzurite();
    const closed = await freePort();
    const connectionString = azurite.connectionString.replace(`:${azurite.port}/`, `:${closed}/`);
    const tables = createStorageTables({
      connectionString,
      tablePrefix: 'down',
      clientOptions: { retryOptions: { maxRetries: 0 } },
    });
    const key = { tenantId: 't', meetingId: 'm' };
    await assert.rejects(tables.ensureTables(), StorageUnavailableError);
    const meetings = new TableMeetingStore(tables.meetings);
    await assert.rejects(meetings.load(key), StorageUnavailableError);
    await assert.rejects(
      meetings.commit(key, endedEvent('e', 1), { state: lessonState('t', 'm'), alerts: {} }, undefined),
      StorageUnavailableError,
    );
    await assert.rejects(meetings.listEvents(key), StorageUnavailableError);
    await assert.rejects(new TableTimerStore(tables.timers).claimDue(Date.now(), 5), StorageUnavailableError);
    await assert.rejects(new TableConversationStore(tables.conversations).get('t', 'k'), StorageUnavailableError);
  });
});
