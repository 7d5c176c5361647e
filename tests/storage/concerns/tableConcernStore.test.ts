import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import { TableConcernStore } from '../../../bot/src/storage/concerns/tableConcernStore.js';
import { sharedAzurite, uniqueTableName } from '../../support/azurite.js';
import { OTHER_TENANT, T0, TENANT, details, viewer } from '../../app/concerns/fixtures.js';
import type { NewConcern } from '../../../bot/src/app/concerns/ports.js';

describe('storage/concerns/tableConcernStore', () => {
  let table: TableClient;
  let store: TableConcernStore;
  const reporter = { aadObjectId: 'staff-1', name: 'Ms Teacher' };
  const dsl = { aadObjectId: 'dsl-1', name: 'Mr Lead' };
  const newConcern = (ref: string, overrides: Partial<NewConcern> = {}): NewConcern => ({
    tenantId: TENANT,
    ref,
    reporter,
    raisedAt: T0,
    details: details(),
    clientRequestId: `req-${ref}`,
    ...overrides,
  });

  beforeEach(async () => {
    const azurite = await sharedAzurite();
    table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('concerns'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    store = new TableConcernStore(table);
  });

  it('stores a concern and reads back the same chronology', async () => {
    const created = await store.create(newConcern('C-AAAAAA'));
    assert.equal(created.outcome, 'created');
    const read = await store.get(TENANT, 'C-AAAAAA');
    assert.deepEqual(read, created.outcome === 'created' ? created.concern : undefined);
    assert.equal(read?.details.whatHappened, details().whatHappened);
  });

  it('returns the first concern when the same form is submitted twice (clientRequestId)', async () => {
    await store.create(newConcern('C-AAAAAA', { clientRequestId: 'same-form' }));
    const again = await store.create(newConcern('C-BBBBBB', { clientRequestId: 'same-form' }));
    assert.equal(again.outcome, 'duplicate');
    assert.equal(again.outcome === 'duplicate' && again.concern.ref, 'C-AAAAAA');
    assert.equal(await store.get(TENANT, 'C-BBBBBB'), undefined);
  });

  it('reports a reference clash so the caller can pick another', async () => {
    await store.create(newConcern('C-AAAAAA'));
    const clash = await store.create(newConcern('C-AAAAAA', { clientRequestId: 'another-form' }));
    assert.equal(clash.outcome, 'refTaken');
  });

  it('appends entries as new rows and never changes the first one', async () => {
    await store.create(newConcern('C-AAAAAA'));
    const first = (await store.get(TENANT, 'C-AAAAAA'))!.entries[0];
    await store.append(TENANT, 'C-AAAAAA', { kind: 'acknowledged', at: T0 + 1000, by: dsl });
    const note = await store.append(TENANT, 'C-AAAAAA', {
      kind: 'actionAdded',
      text: 'Parents contacted',
      at: T0 + 2000,
      by: dsl,
    });
    assert.equal(note.outcome === 'appended' && note.entry.seq, 2);
    const read = await store.get(TENANT, 'C-AAAAAA');
    assert.deepEqual(
      read?.entries.map((e) => e.kind),
      ['raised', 'acknowledged', 'actionAdded'],
    );
    assert.deepEqual(read?.entries[0], first);
    const rows = [];
    for await (const row of table.listEntities()) rows.push(row.rowKey);
    assert.ok(rows.includes('C-AAAAAA-0000') && rows.includes('C-AAAAAA-0001') && rows.includes('C-AAAAAA-0002'));
  });

  it('refuses to append to a concern that does not exist', async () => {
    await assert.rejects(store.append(TENANT, 'C-ZZZZZZ', { kind: 'acknowledged', at: T0, by: dsl }));
  });

  it('keeps tenants apart: the same reference in another tenant is not found', async () => {
    await store.create(newConcern('C-AAAAAA'));
    assert.equal(await store.get(OTHER_TENANT, 'C-AAAAAA'), undefined);
    assert.deepEqual((await store.list(OTHER_TENANT, { status: 'all' })).concerns, []);
  });

  it('lists open concerns newest first, a page at a time, and leaves out closed ones', async () => {
    for (let i = 0; i < 5; i++) await store.create(newConcern(`C-AAAAA${'23456'[i]}`, { raisedAt: T0 + i * 60_000 }));
    await store.append(TENANT, 'C-AAAAA4', {
      kind: 'closed',
      outcome: 'No further action',
      at: T0 + 10 * 60_000,
      by: dsl,
    });
    const first = await store.list(TENANT, { status: 'open', limit: 2 });
    assert.deepEqual(
      first.concerns.map((c) => c.ref),
      ['C-AAAAA6', 'C-AAAAA5'],
    );
    const second = await store.list(TENANT, { status: 'open', limit: 2, cursor: first.next! });
    assert.deepEqual(
      second.concerns.map((c) => c.ref),
      ['C-AAAAA3', 'C-AAAAA2'],
    );
    assert.equal(second.next, undefined);
    const all = await store.list(TENANT, { status: 'all' });
    assert.equal(all.concerns.length, 5);
  });

  it("lists only the reporter's own concerns when asked", async () => {
    await store.create(newConcern('C-AAAAAA'));
    const other = viewer('staff', 'staff-2');
    await store.create(newConcern('C-BBBBBB', { reporter: { aadObjectId: other.aadObjectId, name: other.name } }));
    const mine = await store.list(TENANT, { status: 'all', reporterId: 'staff-1' });
    assert.deepEqual(
      mine.concerns.map((c) => c.ref),
      ['C-AAAAAA'],
    );
  });

  it('treats OData-looking input as plain data', async () => {
    await store.create(newConcern('C-AAAAAA'));
    const sneaky = "x' or PartitionKey ne '";
    assert.deepEqual((await store.list(TENANT, { status: 'all', reporterId: sneaky })).concerns, []);
    assert.equal(await store.get(TENANT, sneaky), undefined);
    assert.equal(await store.get(`${TENANT}' or true or '`, 'C-AAAAAA'), undefined);
    const created = await store.create(
      newConcern('C-CCCCCC', { clientRequestId: "a'/\\#?\u0001b", reporter: { aadObjectId: "odd'/#id", name: 'Odd' } }),
    );
    assert.equal(created.outcome, 'created');
    assert.equal(
      (
        await store.create(
          newConcern('C-DDDDDD', {
            clientRequestId: "a'/\\#?\u0001b",
            reporter: { aadObjectId: "odd'/#id", name: 'Odd' },
          }),
        )
      ).outcome,
      'duplicate',
    );
  });
});
