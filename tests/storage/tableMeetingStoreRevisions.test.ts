import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { MeetingKey, MeetingRecord, MeetingStore } from '../../bot/src/app/ports.js';
import { reduce } from '../../bot/src/domain/reducer.js';
import type { AlertBook } from '../../bot/src/domain/types.js';
import { meetingPartition, STATE_ROW } from '../../bot/src/storage/meetingRows.js';
import { OUTBOX_MAX_EVENTS } from '../../bot/src/storage/snapshotOutbox.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { endedEvent, freshTables, lessonState } from './storageFixtures.js';

const noAlerts: AlertBook = {};
let lessons = 0;
const lessonKey = (): MeetingKey => ({ tenantId: 'tenant-v', meetingId: `revisions/${++lessons}` });

/** Applies one event the way the app does (reduce over the loaded record, commit over it), retrying lost races. */
async function applyEvent(store: MeetingStore, key: MeetingKey, id: string, at: number): Promise<number[]> {
  const revisions: number[] = [];
  for (let attempt = 0; attempt < 100; attempt++) {
    const current = await store.load(key);
    const state = reduce(current?.state ?? lessonState(key.tenantId, key.meetingId), endedEvent(id, at));
    const result = await store.commit(key, endedEvent(id, at), { state, alerts: noAlerts }, current);
    if (result.outcome === 'applied') return [...revisions, result.revision];
    if (result.outcome === 'duplicate') return revisions;
  }
  throw new Error(`${id} kept conflicting`);
}

describe('storage/tableMeetingStore revisions (for the school view)', () => {
  afterEach(() => sinon.restore());

  it('every commit and book save stores the revision it replaced plus one, and returns it', async () => {
    const store = new TableMeetingStore((await freshTables()).meetings);
    const key = lessonKey();
    const first = await store.commit(key, endedEvent('e1', 1), { state: lessonState('t', 'm'), alerts: {} }, undefined);
    assert.ok(first.outcome === 'applied');
    assert.equal(first.revision, 1);
    const second = await store.commit(key, endedEvent('e2', 2), { state: lessonState('t', 'm'), alerts: {} }, first);
    assert.ok(second.outcome === 'applied');
    assert.equal(second.revision, 2);
    const saved = await store.saveBook(key, { alerts: {} }, second.etag);
    assert.ok(saved.outcome === 'applied');
    assert.equal(saved.revision, 3);
    assert.equal((await store.load(key))?.revision, 3);
    const conflict = await store.commit(key, endedEvent('e3', 3), { state: lessonState('t', 'm'), alerts: {} }, second);
    assert.equal(conflict.outcome, 'conflict');
    assert.equal(conflict.outcome === 'conflict' ? conflict.current?.revision : undefined, 3);
    assert.equal((await store.load(key))?.revision, 3, 'a lost write stores nothing');
  });

  it('a row written before revisions were kept loads as revision 0, and its next write is 1', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const key = lessonKey();
    await store.commit(key, endedEvent('e1', 1), { state: lessonState('t', 'm'), alerts: {} }, undefined);
    const row = await tables.meetings.getEntity<Record<string, unknown>>(meetingPartition(key), STATE_ROW);
    const { etag: _etag, timestamp: _timestamp, revision: _revision, ...older } = row;
    await tables.meetings.updateEntity({ ...older, partitionKey: meetingPartition(key), rowKey: STATE_ROW }, 'Replace');
    const loaded = await store.load(key);
    assert.equal(loaded?.revision, 0);
    const next = await store.commit(key, endedEvent('e2', 2), { state: lessonState('t', 'm'), alerts: {} }, loaded);
    assert.ok(next.outcome === 'applied');
    assert.equal(next.revision, 1);
  });

  it('two instances racing on one lesson never store one revision twice, and the row keeps the highest', async function () {
    this.timeout(60_000);
    const tables = await freshTables();
    const [a, b] = [new TableMeetingStore(tables.meetings), new TableMeetingStore(tables.meetings)];
    const key = lessonKey();
    const rounds = 2 * OUTBOX_MAX_EVENTS + 3;
    const writer = async (store: MeetingStore, name: string): Promise<number[]> => {
      const revisions: number[] = [];
      for (let i = 0; i < rounds; i++) {
        revisions.push(...(await applyEvent(store, key, `${name}${i}`, i)));
        // A book save now and then, as a timer or a delivery result does, racing the other instance's events.
        const current = await store.load(key);
        const saved = current && (await store.saveBook(key, { alerts: noAlerts }, current.etag));
        if (saved?.outcome === 'applied') revisions.push(saved.revision);
      }
      return revisions;
    };
    const written = (await Promise.all([writer(a, 'a'), writer(b, 'b')])).flat();
    assert.equal(new Set(written).size, written.length, `a revision stored twice: ${written.sort((x, y) => x - y)}`);
    const final = await a.load(key);
    assert.equal(final?.revision, Math.max(...written));
    assert.equal(final?.state.eventCount, 2 * rounds, 'every event applied once');
  });

  it('a write over the version the last write returned reads nothing first, after a book save too', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const key = lessonKey();
    const book = { state: lessonState('t', 'm'), alerts: {} };
    const created = await store.commit(key, endedEvent('e1', 1), book, undefined);
    assert.ok(created.outcome === 'applied');
    const read = sinon.spy(tables.meetings, 'getEntity');
    const { outcome: _first, ...version } = created;
    const second = await store.commit(key, endedEvent('e2', 2), book, { ...book, ...version });
    assert.ok(second.outcome === 'applied');
    assert.equal(read.callCount, 0);
    const saved = await store.saveBook(key, { alerts: {} }, second.etag);
    assert.ok(saved.outcome === 'applied');
    const reads = read.callCount;
    const { outcome: _saved, ...savedVersion } = saved;
    const record: MeetingRecord = { ...book, ...savedVersion };
    const third = await store.commit(key, endedEvent('e3', 3), book, record);
    assert.ok(third.outcome === 'applied');
    assert.equal(read.callCount, reads, 'the saved version carries what the next write needs');
    assert.equal(third.revision, 4);
    const stale = await store.commit(key, endedEvent('e4', 4), book, { ...record, etag: third.etag });
    assert.ok(stale.outcome === 'applied', 'a note for another ETag is not trusted: the row is read instead');
    assert.equal(stale.revision, 5);
    assert.equal(read.callCount, reads + 1);
  });

  it('knows an event while it waits in the outbox and after it has its own row', async () => {
    const store = new TableMeetingStore((await freshTables()).meetings);
    const key = lessonKey();
    let expected: Awaited<ReturnType<typeof store.commit>> | undefined;
    for (let i = 0; i <= OUTBOX_MAX_EVENTS + 1; i++) {
      const version = expected?.outcome === 'applied' ? expected : undefined;
      expected = await store.commit(key, endedEvent(`e${i}`, i), { state: lessonState('t', 'm'), alerts: {} }, version);
      if (i === 0) assert.equal(await store.hasEvent(key, 'e0'), true, 'in the outbox');
    }
    assert.equal(await store.hasEvent(key, 'e0'), true, 'flushed into its own row');
    assert.equal(await store.hasEvent(key, `e${OUTBOX_MAX_EVENTS + 1}`), true);
    assert.equal(await store.hasEvent(key, 'never'), false);
    assert.equal(await store.hasEvent(lessonKey(), 'e0'), false, 'another lesson');
  });
});
