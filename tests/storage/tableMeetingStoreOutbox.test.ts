import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { ExpectedVersion, MeetingKey } from '../../bot/src/app/ports.js';
import type { AlertBook, MeetingEvent } from '../../bot/src/domain/types.js';
import { parsePage } from '../../bot/src/storage/eventPages.js';
import { MAX_ROW_CHARS } from '../../bot/src/storage/properties.js';
import { OUTBOX_MAX_CHARS, OUTBOX_MAX_EVENTS } from '../../bot/src/storage/snapshotOutbox.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { storedLayout } from './outboxSupport.js';
import { endedEvent, freshTables, lessonState } from './storageFixtures.js';

const key: MeetingKey = { tenantId: 'tenant-o', meetingId: 'outbox/lesson#1' };
const noAlerts: AlertBook = {};
const next = (title = 'Year 9 maths') => ({
  state: lessonState(key.tenantId, key.meetingId, { title }),
  alerts: noAlerts,
});

function startedEvent(id: string, at: number, titleChars: number): MeetingEvent {
  return { kind: 'meetingStarted', id, at, meetingType: 'Scheduled', title: 't'.repeat(titleChars) };
}

describe('storage/tableMeetingStore outbox', () => {
  afterEach(() => sinon.restore());

  it('keeps two outboxes and more of events in a row across flushes, oldest first, with at most the limit in the outbox', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const ids: string[] = [];
    let etag: string | undefined;
    const count = 2 * OUTBOX_MAX_EVENTS + 8;
    for (let i = 0; i < count; i += 1) {
      // Ids run backwards and share one time: the order can only come from the order of application.
      const id = `e${999 - i}`;
      ids.push(id);
      const result = await store.commit(key, endedEvent(id, 5000), next(id), etag);
      assert.equal(result.outcome, 'applied');
      etag = result.outcome === 'applied' ? result.etag : undefined;
      const layout = await storedLayout(tables.meetings, key);
      assert.equal(layout.etag, etag);
      assert.ok(layout.outbox.length <= OUTBOX_MAX_EVENTS, `outbox holds ${layout.outbox.length} events`);
      assert.deepEqual([...layout.flushedIds, ...layout.outbox.map((e) => e.id)].sort(), [...ids].sort());
    }
    const layout = await storedLayout(tables.meetings, key);
    assert.ok(layout.flushedIds.length >= 2 * OUTBOX_MAX_EVENTS, 'at least two flushes happened');
    assert.ok(layout.outbox.length > 0, 'the latest events are still in the outbox');
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      ids,
    );
    assert.equal((await store.load(key))?.state.title, `e${1000 - count}`);
  });

  it('writes one single-entity update per event until the outbox is full, then one transaction of two rows', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const created = await store.commit(key, endedEvent('first', 1), next(), undefined);
    // Each commit expects the version the last one wrote, as the app's cached record carries it.
    let expected: ExpectedVersion | undefined = created.outcome === 'applied' ? created : undefined;
    const update = sinon.spy(tables.meetings, 'updateEntity');
    const transaction = sinon.spy(tables.meetings, 'submitTransaction');
    const read = sinon.spy(tables.meetings, 'getEntity');
    for (let i = 1; i <= OUTBOX_MAX_EVENTS; i += 1) {
      const result = await store.commit(key, endedEvent(`e${i}`, 1 + i), next(), expected);
      expected = result.outcome === 'applied' ? result : undefined;
    }
    assert.equal(update.callCount, OUTBOX_MAX_EVENTS - 1);
    assert.equal(transaction.callCount, 1);
    const actions = transaction.firstCall.args[0];
    assert.equal(actions.length, 2, 'the snapshot and one page');
    const page = actions[1]?.[1] as Record<string, unknown>;
    assert.deepEqual(
      parsePage({ ...page, etag: '' }).map((f) => f.event.id),
      ['first', ...Array.from({ length: OUTBOX_MAX_EVENTS }, (_, i) => `e${i + 1}`)],
      'every outbox event plus this one, in order',
    );
    assert.equal(read.callCount, 0, 'the held outbox spares a read per event');
  });

  it('flushes an outbox near its size budget instead of growing past it', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    let etag: string | undefined;
    for (let i = 0; i < 5; i += 1) {
      const result = await store.commit(key, startedEvent(`big${i}`, i, 25_000), next(), etag);
      assert.equal(result.outcome, 'applied');
      etag = result.outcome === 'applied' ? result.etag : undefined;
      const layout = await storedLayout(tables.meetings, key);
      assert.ok(layout.outboxChars <= OUTBOX_MAX_CHARS, `outbox holds ${layout.outboxChars} characters`);
    }
    const layout = await storedLayout(tables.meetings, key);
    assert.ok(layout.flushedIds.length >= 3, 'three 25K events do not fit the outbox together');
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      ['big0', 'big1', 'big2', 'big3', 'big4'],
    );
  });

  it('flushes when the lesson data and the outbox together would pass the row cap', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const bulky = next('x'.repeat(MAX_ROW_CHARS - 30_000));
    const result = await store.commit(key, startedEvent('start', 1, 40_000), bulky, undefined);
    assert.equal(result.outcome, 'applied');
    const layout = await storedLayout(tables.meetings, key);
    assert.deepEqual(layout.outbox, []);
    assert.deepEqual(layout.flushedIds, ['start']);
    assert.equal((await store.load(key))?.state.title, bulky.state.title);
  });

  it('keeps the outbox when alerts are saved and never shows it in the loaded record', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const created = await store.commit(key, endedEvent('e1', 1), next(), undefined);
    const second = await store.commit(
      key,
      endedEvent('e2', 2),
      next(),
      created.outcome === 'applied' ? created.etag : undefined,
    );
    const saved = await store.saveBook(key, { alerts: {} }, second.outcome === 'applied' ? second.etag : '');
    assert.equal(saved.outcome, 'applied');
    assert.deepEqual(
      (await storedLayout(tables.meetings, key)).outbox.map((e) => e.id),
      ['e1', 'e2'],
    );
    const third = await store.commit(
      key,
      endedEvent('e3', 3),
      next(),
      saved.outcome === 'applied' ? saved.etag : undefined,
    );
    assert.equal(third.outcome, 'applied');
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      ['e1', 'e2', 'e3'],
    );
    assert.deepEqual(Object.keys((await store.load(key)) ?? {}).sort(), [
      'alerts',
      'deliveries',
      'etag',
      'revision',
      'state',
    ]);
  });
});
