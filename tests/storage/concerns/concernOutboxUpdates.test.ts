import { strict as assert } from 'node:assert';
import type { TableClient } from '@azure/data-tables';
import sinon from 'sinon';
import { reporterUpdateDelivery } from '../../../bot/src/app/concerns/concernDeliveries.js';
import type { OwedMessages } from '../../../bot/src/app/concerns/ports.js';
import type { ConcernEntry } from '../../../bot/src/app/concerns/types.js';
import { headRowKey } from '../../../bot/src/storage/concerns/concernHead.js';
import { entryRowKey } from '../../../bot/src/storage/concerns/concernRows.js';
import type { TableConcernStore } from '../../../bot/src/storage/concerns/tableConcernStore.js';
import { T0, TENANT } from '../../app/concerns/fixtures.js';
import { dsls, newConcern, reporter, useConcernTable } from './concernOutboxTable.js';

describe('storage/concerns: the concern outbox on its head row (Azurite)', () => {
  let table: TableClient;
  let store: TableConcernStore;
  useConcernTable((created) => ({ table, store } = created));

  describe('an entry that owes the reporter an update', () => {
    /** What an acknowledgement owes: the reporter's update, stamped with the entry's who and when. */
    const owesReporter =
      (ref: string): OwedMessages =>
      (stored: ConcernEntry) => [
        reporterUpdateDelivery({ ref, reporter }, { kind: 'acknowledged', by: stored.by, at: stored.at }, stored.at),
      ];
    const updates = async (ref: string) =>
      ((await store.deliveryBook(TENANT, ref).load())?.deliveries ?? []).filter(
        (d) => d.message.kind === 'concernUpdate',
      );
    /** The DSLs' alerts marked sent, so only what the entry owes is left pending. */
    const sendAlerts = async (ref: string) => {
      const book = store.deliveryBook(TENANT, ref);
      const current = (await book.load())!;
      assert.equal(
        (
          await book.save(
            current.deliveries.map((d) => ({ ...d, state: 'sent' as const })),
            current.etag,
          )
        ).outcome,
        'applied',
      );
    };

    it('stores the update on the head in the same transaction as the entry, due when the entry was made', async () => {
      await store.create(newConcern('C-STEP01'));
      await sendAlerts('C-STEP01');
      const result = await store.append(
        TENANT,
        'C-STEP01',
        { kind: 'acknowledged', at: T0 + 5, by: dsls[0]! },
        owesReporter('C-STEP01'),
      );
      assert.equal(result.outcome === 'appended' && result.entry.seq, 1);
      const [owed, ...more] = await updates('C-STEP01');
      assert.equal(more.length, 0);
      assert.deepEqual(
        [owed?.recipient, owed?.state, owed?.nextAttemptAt],
        [{ kind: 'person', aadObjectId: 'staff-1', role: 'reporter' }, 'pending', T0 + 5],
      );
      const head = await table.getEntity<{ deliverAt: number; lastSeq: number }>(TENANT, headRowKey('C-STEP01'));
      assert.deepEqual(
        [head.deliverAt, head.lastSeq],
        [T0 + 5, 1],
        "deliverAt is the update's, written with the entry",
      );
      assert.deepEqual(
        await store.dueDeliveries(T0 + 5),
        [{ tenantId: TENANT, ref: 'C-STEP01' }],
        'found by the sweep',
      );
      await store.append(
        TENANT,
        'C-STEP01',
        { kind: 'actionAdded', text: 'Parents contacted', at: T0 + 9, by: dsls[0]! },
        () => [owed!],
      );
      assert.equal((await updates('C-STEP01')).length, 1, 'a message already owed (same id) is not added again');
    });

    it("reads the outbox again when its ETag moved meanwhile: one update, and the other writer's change kept", async () => {
      await store.create(newConcern('C-STEP02'));
      // The delivery round saves the outbox after the append read the head and before it writes.
      const submit = table.submitTransaction.bind(table);
      const writes = sinon.stub(table, 'submitTransaction').callsFake(async (actions) => {
        if (writes.callCount === 1) await sendAlerts('C-STEP02');
        return submit(actions);
      });
      const result = await store.append(
        TENANT,
        'C-STEP02',
        { kind: 'acknowledged', at: T0 + 5, by: dsls[0]! },
        owesReporter('C-STEP02'),
      );
      writes.restore();
      assert.equal(writes.callCount, 2, 'the first write lost the race and was tried again');
      assert.equal(result.outcome === 'appended' && result.entry.seq, 1);
      const outbox = (await store.deliveryBook(TENANT, 'C-STEP02').load())!.deliveries;
      assert.deepEqual(
        outbox.map((d) => [d.message.kind, d.state]),
        [
          ['concern', 'sent'],
          ['concern', 'sent'],
          ['concernUpdate', 'pending'],
        ],
      );
      assert.deepEqual(
        (await store.get(TENANT, 'C-STEP02'))?.entries.map((e) => e.kind),
        ['raised', 'acknowledged'],
      );
    });

    it('writes none of the outbox when the transaction fails (the entry row is already taken)', async () => {
      await store.create(newConcern('C-STEP03'));
      await table.createEntity({ partitionKey: TENANT, rowKey: entryRowKey('C-STEP03', 1), rowType: 'other' });
      await assert.rejects(
        store.append(TENANT, 'C-STEP03', { kind: 'acknowledged', at: T0 + 5, by: dsls[0]! }, owesReporter('C-STEP03')),
      );
      assert.deepEqual(await updates('C-STEP03'), [], 'no update without its entry');
      assert.equal(
        (await store.deliveryBook(TENANT, 'C-STEP03').load())?.deliveries.length,
        2,
        "the DSLs' alerts are as they were",
      );
      assert.equal((await table.getEntity<{ lastSeq: number }>(TENANT, headRowKey('C-STEP03'))).lastSeq, 0);
    });

    it('creates the head with the update for a concern stored before heads existed', async () => {
      await store.create(newConcern('C-STEP04'));
      await table.deleteEntity(TENANT, headRowKey('C-STEP04'));
      assert.equal(
        (
          await store.append(
            TENANT,
            'C-STEP04',
            { kind: 'acknowledged', at: T0 + 5, by: dsls[0]! },
            owesReporter('C-STEP04'),
          )
        ).outcome,
        'appended',
      );
      assert.deepEqual(
        (await updates('C-STEP04')).map((d) => d.state),
        ['pending'],
      );
      assert.deepEqual(await store.dueDeliveries(T0 + 5), [{ tenantId: TENANT, ref: 'C-STEP04' }]);
    });
  });
});
