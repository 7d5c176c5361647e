import { strict as assert } from 'node:assert';
import type { TableClient } from '@azure/data-tables';
import sinon from 'sinon';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import type { AlertBook } from '../../bot/src/domain/types.js';
import { OUTBOX_MAX_EVENTS } from '../../bot/src/storage/snapshotOutbox.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { applyLikeTheApp, storedLayout } from './outboxSupport.js';
import { endedEvent, freshTables, lessonState } from './storageFixtures.js';

const key: MeetingKey = { tenantId: 'tenant-r', meetingId: 'race/lesson' };
const noAlerts: AlertBook = {};
const next = (title = 'Year 9 maths') => ({
  state: lessonState(key.tenantId, key.meetingId, { title }),
  alerts: noAlerts,
});

/** Two separate store objects on one table: what two service instances are. */
async function twoInstances() {
  const tables = await freshTables();
  return {
    table: tables.meetings,
    a: new TableMeetingStore(tables.meetings),
    b: new TableMeetingStore(tables.meetings),
  };
}

function spyWrites(table: TableClient) {
  return [
    sinon.spy(table, 'createEntity'),
    sinon.spy(table, 'updateEntity'),
    sinon.spy(table, 'submitTransaction'),
    sinon.spy(table, 'upsertEntity'),
  ];
}

describe('storage/tableMeetingStore across instances', () => {
  afterEach(() => sinon.restore());

  it('lets exactly one of two instances apply each round and records every event once after reloads', async function () {
    this.timeout(60_000);
    const { a, b, table } = await twoInstances();
    await applyLikeTheApp(a, key, endedEvent('base', 0));
    const all = ['base'];
    // Enough rounds to cross several flushes with both instances writing.
    for (let round = 0; round < 2 * OUTBOX_MAX_EVENTS + 3; round += 1) {
      const events = [endedEvent(`a${round}`, round + 1), endedEvent(`b${round}`, round + 1)] as const;
      const bases = await Promise.all([a.load(key), b.load(key)]);
      assert.equal(bases[0]?.etag, bases[1]?.etag);
      const outcomes = await Promise.all(
        [a, b].map((store, i) => {
          const base = bases[i]?.state ?? lessonState(key.tenantId, key.meetingId);
          const event = events[i === 0 ? 0 : 1];
          return store.commit(
            key,
            event,
            { state: { ...base, applied: [...base.applied, event.id] }, alerts: noAlerts },
            bases[i]?.etag,
          );
        }),
      );
      assert.deepEqual(outcomes.map((r) => r.outcome).sort(), ['applied', 'conflict'], `round ${round}`);
      // The loser reloads and retries, as the app does.
      const loser = outcomes[0]?.outcome === 'conflict' ? 0 : 1;
      assert.equal(await applyLikeTheApp(loser === 0 ? a : b, key, events[loser === 0 ? 0 : 1]), 'applied');
      all.push(`a${round}`, `b${round}`);
    }
    const listed = (await a.listEvents(key)).map((e) => e.id);
    assert.deepEqual([...listed].sort(), [...all].sort());
    assert.deepEqual(
      (await b.listEvents(key)).map((e) => e.id),
      listed,
    );
    assert.deepEqual([...((await b.load(key))?.state.applied ?? [])].sort(), [...all].sort());
    assert.ok((await storedLayout(table, key)).flushedIds.length >= 2 * OUTBOX_MAX_EVENTS);
  });

  it('answers a stale ETag it holds with a conflict and writes nothing', async () => {
    const { a, b, table } = await twoInstances();
    const created = await a.commit(key, endedEvent('e1', 1), next('one'), undefined);
    const staleEtag = created.outcome === 'applied' ? created.etag : '';
    assert.equal((await b.commit(key, endedEvent('e2', 2), next('two'), staleEtag)).outcome, 'applied');
    const before = await storedLayout(table, key);
    const conflict = await a.commit(key, endedEvent('e3', 3), next('lost'), staleEtag);
    assert.ok(conflict.outcome === 'conflict');
    assert.equal(conflict.current?.etag, before.etag, 'the conflict carries the version that won');
    assert.deepEqual(await storedLayout(table, key), before);
    assert.equal((await a.load(key))?.state.title, 'two');
  });

  it('reads the snapshot when another instance wrote last, and returns a conflict without writing if it moved on', async () => {
    const { a, b, table } = await twoInstances();
    const first = await b.commit(key, endedEvent('e1', 1), next('one'), undefined);
    const firstEtag = first.outcome === 'applied' ? first.etag : '';
    const second = await b.commit(key, endedEvent('e2', 2), next('two'), firstEtag);
    const writes = spyWrites(table);
    const read = sinon.spy(table, 'getEntity');
    const conflict = await a.commit(key, endedEvent('e3', 3), next('lost'), firstEtag);
    assert.ok(conflict.outcome === 'conflict');
    assert.equal(conflict.current?.state.title, 'two');
    assert.ok(read.called);
    assert.ok(writes.every((spy) => spy.notCalled));
    // With the ETag it does not hold but that is current, it reads the outbox and appends to it.
    const third = await a.commit(
      key,
      endedEvent('e3', 3),
      next('three'),
      second.outcome === 'applied' ? second.etag : '',
    );
    assert.equal(third.outcome, 'applied');
    assert.deepEqual(
      (await storedLayout(table, key)).outbox.map((e) => e.id),
      ['e1', 'e2', 'e3'],
    );
  });

  it('treats a redelivery of an event still in the outbox as a duplicate', async () => {
    const { a, b, table } = await twoInstances();
    const first = await a.commit(key, endedEvent('e1', 1), next('one'), undefined);
    const second = await a.commit(key, endedEvent('e2', 2), next('two'), first.outcome === 'applied' ? first.etag : '');
    const etag = second.outcome === 'applied' ? second.etag : '';
    const before = await storedLayout(table, key);
    assert.deepEqual(await a.commit(key, endedEvent('e1', 1), next('again'), etag), { outcome: 'duplicate' });
    // Another instance that has not seen the lesson reads the outbox and finds it there too.
    assert.deepEqual(await b.commit(key, endedEvent('e1', 1), next('again'), etag), { outcome: 'duplicate' });
    assert.deepEqual(await storedLayout(table, key), before);
  });

  it('finds an already flushed event for the app, and lists it once even if a caller records it again', async () => {
    const { a, b, table } = await twoInstances();
    let etag: string | undefined;
    // The first OUTBOX_MAX_EVENTS + 1 events are flushed onto a page...
    for (let i = 0; i <= 2 * OUTBOX_MAX_EVENTS; i += 1) {
      const result = await a.commit(key, endedEvent(`e${i}`, i), next(), etag);
      etag = result.outcome === 'applied' ? result.etag : undefined;
    }
    // ...and the next OUTBOX_MAX_EVENTS fill the outbox, so the next commit is a flush.
    assert.equal((await storedLayout(table, key)).outbox.length, OUTBOX_MAX_EVENTS);
    // The app asks before it applies an event its window cannot vouch for; any instance finds it.
    assert.equal(await b.hasEvent(key, 'e3'), true);
    // A caller that skips the question records it again (the store does not read its pages to write)...
    assert.equal((await a.commit(key, endedEvent('e3', 3), next('again'), etag)).outcome, 'applied');
    const layout = await storedLayout(table, key);
    assert.equal(layout.flushedIds.filter((id) => id === 'e3').length, 2);
    // ...and the lesson's history still holds it once.
    assert.deepEqual(
      (await b.listEvents(key)).map((e) => e.id),
      Array.from({ length: 2 * OUTBOX_MAX_EVENTS + 1 }, (_, i) => `e${i}`),
    );
  });

  it('drops a flushed event redelivered past the app check from the next flush, losing nothing', async () => {
    const { a } = await twoInstances();
    let etag: string | undefined;
    const commit = async (id: string) => {
      const result = await a.commit(key, endedEvent(id, Number(id.slice(1))), next(), etag);
      etag = result.outcome === 'applied' ? result.etag : etag;
      return result.outcome;
    };
    for (let i = 0; i <= OUTBOX_MAX_EVENTS; i += 1) await commit(`e${i}`);
    // Without a read the store cannot see that e1 has its own row; it sits in the outbox.
    assert.equal(await commit('e1'), 'applied');
    for (let i = OUTBOX_MAX_EVENTS + 1; i <= 2 * OUTBOX_MAX_EVENTS + 1; i += 1)
      assert.equal(await commit(`e${i}`), 'applied');
    const ids = (await a.listEvents(key)).map((e) => e.id);
    assert.deepEqual(
      ids,
      Array.from({ length: 2 * OUTBOX_MAX_EVENTS + 2 }, (_, i) => `e${i}`),
    );
  });
});
