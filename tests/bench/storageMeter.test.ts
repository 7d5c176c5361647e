import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import { bodySize, isConflict, storageMeter, targetOf } from '../../bench/storageMeter.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';

describe('bench/storageMeter', () => {
  it('sizes string bodies in UTF-8 bytes, binary bodies by length, and knows it cannot size a stream', () => {
    assert.equal(bodySize('é'), 2);
    assert.equal(bodySize(new Uint8Array(7)), 7);
    assert.equal(bodySize(undefined), 0);
    assert.equal(
      bodySize(() => undefined),
      undefined,
    );
  });

  it('names a request by method and table, without the key, the account segment or the prefix', () => {
    assert.equal(
      targetOf('PUT', "http://127.0.0.1:1/devstoreaccount1/b1meetings(PartitionKey='p',RowKey='state')", 'b1'),
      'PUT meetings',
    );
    assert.equal(targetOf('POST', 'https://acct.table.core.windows.net/$batch', 'b1'), 'POST $batch');
    assert.equal(targetOf('POST', 'https://acct.table.core.windows.net/benchanchor7()', 'benchanchor7'), 'POST table');
  });

  it('counts each request a TableClient sends to Azurite, a transaction as one request with its whole body', async () => {
    const azurite = await sharedAzurite();
    const name = uniqueTableName('meter');
    const meter = storageMeter(name);
    const table = TableClient.fromConnectionString(azurite.connectionString, name, {
      allowInsecureConnection: true,
      additionalPolicies: [meter.policy],
    });
    await table.createTable();
    const afterCreate = meter.traffic();
    await table.createEntity({ partitionKey: 'p', rowKey: 'one', text: 'x'.repeat(1000) });
    const afterEntity = meter.traffic();
    assert.equal(afterEntity.requests - afterCreate.requests, 1);
    assert.ok(afterEntity.bodyBytes - afterCreate.bodyBytes > 1000, 'the entity body is counted');
    assert.ok(afterEntity.bodyBytes - afterCreate.bodyBytes < 1200, 'and only once');
    await table.submitTransaction([
      ['create', { partitionKey: 'p', rowKey: 'two', text: 'y'.repeat(1000) }],
      ['create', { partitionKey: 'p', rowKey: 'three', text: 'z'.repeat(1000) }],
    ]);
    const afterBatch = meter.traffic();
    assert.equal(afterBatch.requests - afterEntity.requests, 1);
    assert.ok(afterBatch.bodyBytes - afterEntity.bodyBytes > 2000);
    assert.equal(afterBatch.unsizedBodies, 0);
    assert.deepEqual(afterBatch.byTarget, { 'POST Tables': 1, 'POST table': 1, 'POST $batch': 1 });
  });

  it('reads a conflict from an operation inside a transaction, not from its other statuses', () => {
    const batch = (status: string) =>
      `--batchresponse_1\r\nContent-Type: multipart/mixed\r\n\r\n--changesetresponse_1\r\nHTTP/1.1 ${status}\r\n`;
    assert.equal(isConflict(202, batch('412 Precondition Failed')), true);
    assert.equal(isConflict(202, batch('204 No Content')), false);
    assert.equal(isConflict(404, undefined), false);
  });

  it('counts the writes Azurite refuses because the row changed or already existed, in a transaction too', async () => {
    const azurite = await sharedAzurite();
    const name = uniqueTableName('meterconflict');
    const meter = storageMeter(name);
    const table = TableClient.fromConnectionString(azurite.connectionString, name, {
      allowInsecureConnection: true,
      additionalPolicies: [meter.policy],
    });
    await table.createTable();
    const created = await table.createEntity({ partitionKey: 'p', rowKey: 'state', n: 1 });
    await table.updateEntity({ partitionKey: 'p', rowKey: 'state', n: 2 }, 'Replace', { etag: created.etag });
    assert.equal(meter.traffic().conflicts, 0);
    const stale = { etag: created.etag };
    await assert.rejects(table.updateEntity({ partitionKey: 'p', rowKey: 'state', n: 3 }, 'Replace', stale));
    await assert.rejects(table.createEntity({ partitionKey: 'p', rowKey: 'state', n: 4 }));
    await assert.rejects(
      table.submitTransaction([
        ['update', { partitionKey: 'p', rowKey: 'state', n: 5 }, 'Replace', stale],
        ['create', { partitionKey: 'p', rowKey: 'evt-1' }],
      ]),
    );
    assert.equal(meter.traffic().conflicts, 3);
  });
});
