import { strict as assert } from 'node:assert';
import { TableClient } from '@azure/data-tables';
import type { Delivery, LessonCardMessage } from '../../bot/src/app/delivery/delivery.js';
import { TableSeniorCards } from '../../bot/src/storage/tableSeniorCards.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';

const card = (id: string): Delivery<LessonCardMessage> => ({
  id,
  message: { kind: 'card', cause: 'morning@2026-11-23', title: 'Live lessons today', lines: ['09:15 Year 5 maths'] },
  recipient: { kind: 'person', aadObjectId: id, role: 'slt' },
  critical: false,
  state: 'pending',
  createdAt: 1,
  attempts: 0,
  nextAttemptAt: 1,
});

describe("storage/tableSeniorCards: the senior team's card outboxes, one per school, day and card", function () {
  this.timeout(60_000);
  let table: TableClient;

  beforeEach(async () => {
    const azurite = await sharedAzurite();
    table = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName('senior'), {
      allowInsecureConnection: true,
    });
    await table.createTable();
  });

  it('creates an outbox once: a second plan of the same card finds it and changes nothing', async () => {
    const store = new TableSeniorCards(table);
    assert.equal(await store.create('school-a', '2026-11-23', 'morning', [card('head')]), 'created');
    assert.equal(await store.create('school-a', '2026-11-23', 'morning', [card('other')]), 'exists');
    assert.deepEqual((await store.book('school-a', '2026-11-23', 'morning').load())?.deliveries, [card('head')]);
    assert.equal(await store.book('school-b', '2026-11-23', 'morning').load(), undefined, 'another school has none');
  });

  it('saves only over the version it read (two rounds never both record a send)', async () => {
    const store = new TableSeniorCards(table);
    await store.create('school-a', '2026-11-23', 'weekly', [card('head')]);
    const book = store.book('school-a', '2026-11-23', 'weekly');
    const read = await book.load();
    assert.ok(read);
    const sent = { ...card('head'), state: 'sent' as const };
    assert.equal((await book.save([sent], read.etag)).outcome, 'applied');
    assert.deepEqual(await book.save([card('head')], read.etag), { outcome: 'conflict' });
    assert.equal((await book.load())?.deliveries[0]?.state, 'sent');
  });

  it("removes a school's outboxes of days before the cutoff, and no other school's", async () => {
    const store = new TableSeniorCards(table);
    await store.create('school-a', '2026-10-01', 'morning', [card('head')]);
    await store.create('school-a', '2026-10-05', 'weekly', [card('head')]);
    await store.create('school-a', '2026-11-23', 'morning', [card('head')]);
    await store.create('school-b', '2026-10-01', 'morning', [card('head')]);
    assert.equal(await store.expireBefore('school-a', '2026-11-01'), 2);
    assert.ok(await store.book('school-a', '2026-11-23', 'morning').load());
    assert.ok(await store.book('school-b', '2026-10-01', 'morning').load());
    assert.equal(await store.book('school-a', '2026-10-05', 'weekly').load(), undefined);
  });
});
