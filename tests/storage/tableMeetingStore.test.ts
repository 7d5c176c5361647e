import { strict as assert } from 'node:assert';
import type { AlertBook } from '../../bot/src/domain/types.js';
import { applyNext, key, makeStore, noAlerts } from './meetingStoreSut.js';
import { endedEvent, lessonState } from './storageFixtures.js';

describe('storage/tableMeetingStore', () => {
  it('creates the snapshot with the first event, then updates it, returning the new ETag each time', async () => {
    const store = await makeStore();
    assert.equal(await store.load(key), undefined);
    const first = await applyNext(store, endedEvent('e1', 1000), 'first');
    assert.equal(first.outcome, 'applied');
    const afterFirst = await store.load(key);
    assert.equal(afterFirst?.state.title, 'first');
    assert.equal(first.outcome === 'applied' && first.etag, afterFirst?.etag);

    const second = await applyNext(store, endedEvent('e2', 2000), 'second');
    const afterSecond = await store.load(key);
    assert.equal(afterSecond?.state.title, 'second');
    assert.equal(second.outcome === 'applied' && second.etag, afterSecond?.etag);
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      ['e1', 'e2'],
    );
  });

  it('treats a duplicate event id as a no-op and leaves the snapshot untouched', async () => {
    const store = await makeStore();
    await applyNext(store, endedEvent('dup', 1000), 'original');
    const before = await store.load(key);
    const again = await applyNext(store, endedEvent('dup', 1000), 'changed');
    assert.deepEqual(again, { outcome: 'duplicate' });
    const after = await store.load(key);
    assert.equal(after?.state.title, 'original');
    assert.equal(after?.etag, before?.etag);
    assert.equal((await store.listEvents(key)).length, 1);
  });

  it('reports a conflict for a stale ETag and for creating a snapshot that exists', async () => {
    const store = await makeStore();
    const first = await applyNext(store, endedEvent('e1', 1000), 'one');
    assert.equal(first.outcome, 'applied');
    const stale = (await store.load(key))?.etag;
    await applyNext(store, endedEvent('e2', 2000), 'two');
    const next = { state: lessonState(key.tenantId, key.meetingId, { title: 'lost' }), alerts: noAlerts };
    // Each conflict carries the lesson as stored, so the caller can retry without reading it again.
    const stored = await store.load(key);
    for (const expected of [stale, undefined]) {
      const conflict = await store.commit(key, endedEvent('e3', 3000), next, expected);
      assert.ok(conflict.outcome === 'conflict');
      assert.equal(conflict.current?.etag, stored?.etag);
      assert.equal(conflict.current?.state.title, 'two');
    }
    assert.equal((await store.load(key))?.state.title, 'two');
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      ['e1', 'e2'],
    );
  });

  it('lets exactly one of two racing writers with the same base ETag apply', async () => {
    const store = await makeStore();
    await applyNext(store, endedEvent('base', 1000), 'base');
    const base = (await store.load(key))?.etag;
    const write = (id: string) =>
      store.commit(
        key,
        endedEvent(id, 2000),
        { state: lessonState(key.tenantId, key.meetingId, { title: id }), alerts: noAlerts },
        base,
      );
    const results = await Promise.all([write('left'), write('right')]);
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['applied', 'conflict']);
    const winner = results[0]?.outcome === 'applied' ? 'left' : 'right';
    assert.equal((await store.load(key))?.state.title, winner);
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      ['base', winner],
    );
  });

  it('applies one delivery of an event that two instances commit at once', async () => {
    const store = await makeStore();
    await applyNext(store, endedEvent('base', 1000), 'base');
    const base = (await store.load(key))?.etag;
    const write = () =>
      store.commit(
        key,
        endedEvent('same', 2000),
        { state: lessonState(key.tenantId, key.meetingId, { title: 'same' }), alerts: noAlerts },
        base,
      );
    const results = await Promise.all([write(), write()]);
    assert.deepEqual(results.map((r) => r.outcome).sort(), ['applied', 'duplicate']);
    assert.deepEqual(
      (await store.listEvents(key)).map((e) => e.id),
      ['base', 'same'],
    );
  });

  it('saves alerts with If-Match and reports a conflict for a stale ETag', async () => {
    const store = await makeStore();
    const created = await applyNext(store, endedEvent('e1', 1000), 'kept');
    assert.equal(created.outcome, 'applied');
    const etag = created.outcome === 'applied' ? created.etag : '';
    const alerts: AlertBook = {
      k: {
        finding: {
          ruleId: 'staff-pair',
          key: 'k',
          severity: 'warning',
          audience: ['staffPresent'],
          message: 'm',
          action: 'a',
          debounce: true,
          source: 'seed 003',
        },
        firstSeenAt: 5,
      },
    };
    const saved = await store.saveBook(key, { alerts }, etag);
    assert.equal(saved.outcome, 'applied');
    const loaded = await store.load(key);
    assert.deepEqual(loaded?.alerts, alerts);
    assert.equal(loaded?.state.title, 'kept');
    assert.equal(saved.outcome === 'applied' && saved.etag, loaded?.etag);
    assert.deepEqual(await store.saveBook(key, { alerts: {} }, etag), { outcome: 'conflict' });
    assert.deepEqual(await store.saveBook({ ...key, meetingId: 'never-seen' }, { alerts: {} }, etag), {
      outcome: 'conflict',
    });
  });
});
