import { strict as assert } from 'node:assert';
import type { TableClient } from '@azure/data-tables';
import type { TableConcernStore } from '../../../bot/src/storage/concerns/tableConcernStore.js';
import { T0, TENANT } from '../../app/concerns/fixtures.js';
import { dsls, newConcern, useConcernTable } from './concernOutboxTable.js';

describe('storage/concerns: the concern outbox on its head row (Azurite)', () => {
  let table: TableClient;
  let store: TableConcernStore;
  useConcernTable((created) => ({ table, store } = created));

  it('writes the alerts a concern owes in the same write that creates it, and a failed create stores neither', async () => {
    // The reference's first entry row is taken: the whole transaction fails, head and outbox included.
    await table.createEntity({ partitionKey: TENANT, rowKey: 'C-TAKEN1-0000', rowType: 'other' });
    assert.equal((await store.create(newConcern('C-TAKEN1'))).outcome, 'refTaken');
    assert.equal(await store.deliveryBook(TENANT, 'C-TAKEN1').load(), undefined, 'no outbox without its concern');

    assert.equal((await store.create(newConcern('C-OWES01'))).outcome, 'created');
    const book = await store.deliveryBook(TENANT, 'C-OWES01').load();
    const owed = book?.deliveries.map((d) => [d.recipient.kind === 'person' && d.recipient.aadObjectId, d.state]);
    assert.deepEqual(owed, [
      ['dsl-1', 'pending'],
      ['dsl-2', 'pending'],
    ]);
    assert.deepEqual(await store.dueDeliveries(T0), [{ tenantId: TENANT, ref: 'C-OWES01' }], 'found by the sweep');
  });

  it('saves only over the version it read: a stale ETag is a conflict and changes nothing', async () => {
    await store.create(newConcern('C-OWES02'));
    const outbox = store.deliveryBook(TENANT, 'C-OWES02');
    const first = (await outbox.load())!;
    const sent = first.deliveries.map((d) => ({ ...d, state: 'sent' as const, sentAt: T0 + 1 }));
    const saved = await outbox.save(sent, first.etag);
    assert.equal(saved.outcome, 'applied');
    assert.deepEqual(
      await outbox.save(first.deliveries, first.etag),
      { outcome: 'conflict' },
      'a second writer with the old ETag loses',
    );
    assert.deepEqual(
      (await outbox.load())?.deliveries.map((d) => d.state),
      ['sent', 'sent'],
    );
    assert.deepEqual(await store.dueDeliveries(T0 + 60_000), [], 'nothing left for the sweep');
  });

  it('keeps the outbox when the chronology moves on (the head is merged, not replaced)', async () => {
    await store.create(newConcern('C-OWES03'));
    await store.append(TENANT, 'C-OWES03', { kind: 'acknowledged', at: T0 + 5, by: dsls[0]! });
    assert.equal((await store.deliveryBook(TENANT, 'C-OWES03').load())?.deliveries.length, 2);
    assert.equal((await store.get(TENANT, 'C-OWES03'))?.entries.length, 2);
  });
});
