import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';

describe('storage/localAzurite', () => {
  it('starts Azurite from npm and serves Table Storage with ETags', async () => {
    const azurite = await sharedAzurite();
    const table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('smoke'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    const created = await table.createEntity({ partitionKey: 'p', rowKey: 'r', value: 1 });
    await table.updateEntity({ partitionKey: 'p', rowKey: 'r', value: 2 }, 'Replace', { etag: created.etag });
    await assert.rejects(
      table.updateEntity({ partitionKey: 'p', rowKey: 'r', value: 3 }, 'Replace', { etag: created.etag }),
      (e: { statusCode?: number }) => e.statusCode === 412,
    );
    const row = await table.getEntity<{ value: number }>('p', 'r');
    assert.equal(row.value, 2);
  });
});
