import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import sinon from 'sinon';
import { addConcernAction } from '../../../bot/src/app/concerns/addConcernAction.js';
import { closeConcern } from '../../../bot/src/app/concerns/closeConcern.js';
import type { NewConcern } from '../../../bot/src/app/concerns/ports.js';
import { setConcernLevel } from '../../../bot/src/app/concerns/setConcernLevel.js';
import type { Concern } from '../../../bot/src/app/concerns/types.js';
import { headRowKey } from '../../../bot/src/storage/concerns/concernHead.js';
import { REQUEST_ROW } from '../../../bot/src/storage/concerns/concernRows.js';
import { TableConcernStore } from '../../../bot/src/storage/concerns/tableConcernStore.js';
import { joinKey } from '../../../bot/src/storage/keys.js';
import { sharedAzurite, uniqueTableName } from '../../support/azurite.js';
import { memoryLogger } from '../../support/serviceHarness.js';
import { T0, TENANT, details, viewer } from '../../app/concerns/fixtures.js';

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

/** The chronology's invariants: sequence numbers 0..n in order, and nothing after a `closed` entry. */
function assertWellFormed(concern: Concern): void {
  assert.deepEqual(
    concern.entries.map((e) => e.seq),
    concern.entries.map((_, i) => i),
    'no gaps or repeats in the chronology',
  );
  const closedAt = concern.entries.findIndex((e) => e.kind === 'closed');
  if (closedAt >= 0)
    assert.equal(
      closedAt,
      concern.entries.length - 1,
      `an entry was written after "closed": ${concern.entries.map((e) => e.kind).join(', ')}`,
    );
}

describe('storage/concerns: chronology under concurrent DSLs', function () {
  this.timeout(60_000);
  let table: TableClient;
  let store: TableConcernStore;
  const deps = () => ({
    store,
    clock: { now: () => T0 + 60_000 },
    logger: memoryLogger(),
    notifier: { alertDsl: sinon.stub().resolves({}), updateReporter: sinon.stub().resolves({}) },
  });

  beforeEach(async () => {
    const azurite = await sharedAzurite();
    table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('chron'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    store = new TableConcernStore(table);
  });

  it('close, action and level sent at once, 10 rounds: never an entry after "closed", and the losers are told it is closed', async () => {
    const policy = { concernLevels: ['green', 'amber', 'red'] };
    const me = viewer('dsl');
    for (let round = 0; round < 10; round++) {
      const ref = `C-AAAA${'23456789AB'[round]}2`;
      await store.create(newConcern(ref));
      const d = deps();
      const outcomes = await Promise.all([
        closeConcern(d, me, ref, 'No further action'),
        addConcernAction(d, me, ref, 'Parents contacted'),
        setConcernLevel(d, me, ref, 'amber', policy),
      ]);
      const stored = (await store.get(TENANT, ref))!;
      assertWellFormed(stored);
      assert.equal(stored.entries.at(-1)?.kind, 'closed', 'the close always lands');
      for (const outcome of outcomes) {
        if (outcome.ok)
          assert.ok(
            stored.entries.some((e) => e.seq === outcome.value.entry.seq && e.kind === outcome.value.entry.kind),
            'every success is in the record',
          );
        else assert.match(outcome.message, /already closed/);
      }
    }
  });

  it('keeps adding to a concern stored before head rows existed, working the head out from its entries', async () => {
    await store.create(newConcern('C-BBBBBB'));
    await table.deleteEntity(joinKey([TENANT]), headRowKey('C-BBBBBB'));
    const [a, b] = await Promise.all([
      store.append(TENANT, 'C-BBBBBB', { kind: 'acknowledged', at: T0 + 1, by: dsl }),
      store.append(TENANT, 'C-BBBBBB', { kind: 'actionAdded', text: 'Referral made', at: T0 + 2, by: dsl }),
    ]);
    assert.deepEqual([a.outcome, b.outcome], ['appended', 'appended']);
    const stored = (await store.get(TENANT, 'C-BBBBBB'))!;
    assertWellFormed(stored);
    assert.equal(stored.entries.length, 3);
  });

  it('refuses to add to an older concern that its entries show closed', async () => {
    await store.create(newConcern('C-CCCCCC'));
    await store.append(TENANT, 'C-CCCCCC', { kind: 'closed', outcome: 'Resolved', at: T0 + 1, by: dsl });
    await table.deleteEntity(joinKey([TENANT]), headRowKey('C-CCCCCC'));
    assert.deepEqual(
      await store.append(TENANT, 'C-CCCCCC', { kind: 'actionAdded', text: 'Late note', at: T0 + 2, by: dsl }),
      { outcome: 'closed' },
    );
  });
});

describe('storage/concerns: a form id is bound to its answers', () => {
  let table: TableClient;
  let store: TableConcernStore;

  beforeEach(async () => {
    const azurite = await sharedAzurite();
    table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('forms'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
    store = new TableConcernStore(table);
  });

  it('an exact resend is a duplicate; the same id with different answers is a conflict and stores nothing', async () => {
    await store.create(newConcern('C-DDDDDD', { clientRequestId: 'form-1' }));
    const resend = await store.create(newConcern('C-EEEEEE', { clientRequestId: 'form-1' }));
    assert.equal(resend.outcome, 'duplicate');
    const changed = await store.create(
      newConcern('C-FFFFFF', {
        clientRequestId: 'form-1',
        details: details({ whatHappened: 'Something else entirely' }),
      }),
    );
    assert.equal(changed.outcome, 'conflict');
    assert.equal(await store.get(TENANT, 'C-FFFFFF'), undefined);
  });

  it('the same id from another member of staff is their own form', async () => {
    await store.create(newConcern('C-GGGGGG', { clientRequestId: 'form-2' }));
    const other = await store.create(
      newConcern('C-HHHHHH', {
        clientRequestId: 'form-2',
        reporter: { aadObjectId: 'staff-2', name: 'Mr Other' },
        details: details({ pupilName: 'Someone Else' }),
      }),
    );
    assert.equal(other.outcome, 'created');
  });

  it('an index row from before fingerprints were kept still answers a resend as a duplicate', async () => {
    await store.create(newConcern('C-JJJJJJ', { clientRequestId: 'form-3' }));
    await table.updateEntity(
      {
        partitionKey: joinKey([TENANT]),
        rowKey: joinKey([REQUEST_ROW, reporter.aadObjectId, 'form-3']),
        rowType: REQUEST_ROW,
        ref: 'C-JJJJJJ',
      },
      'Replace',
    );
    assert.equal((await store.create(newConcern('C-KKKKKK', { clientRequestId: 'form-3' }))).outcome, 'duplicate');
  });
});
