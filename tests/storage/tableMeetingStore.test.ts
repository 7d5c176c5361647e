import { strict as assert } from 'node:assert';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import type { AlertBook, MeetingEvent } from '../../bot/src/domain/types.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { endedEvent, freshTables, lessonState } from './storageFixtures.js';

const key: MeetingKey = { tenantId: 'tenant-a', meetingId: 'MCMxOTptZWV0aW5n/X2Nh\\ZA==#0?' };
const noAlerts: AlertBook = {};

async function makeStore(): Promise<TableMeetingStore> {
  return new TableMeetingStore((await freshTables()).meetings);
}

/** Applies `event` on top of whatever is stored, as the app layer would (no retry). */
async function applyNext(store: TableMeetingStore, event: MeetingEvent, title: string) {
  const current = await store.load(key);
  return store.commit(
    key,
    event,
    { state: lessonState(key.tenantId, key.meetingId, { title }), alerts: noAlerts },
    current?.etag,
  );
}

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
    assert.deepEqual(await store.commit(key, endedEvent('e3', 3000), next, stale), { outcome: 'conflict' });
    assert.deepEqual(await store.commit(key, endedEvent('e4', 4000), next, undefined), { outcome: 'conflict' });
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

  it('round-trips a snapshot larger than 64 KiB across chunked properties', async () => {
    const store = await makeStore();
    // Astral characters make sure no chunk boundary splits a surrogate pair.
    const title = `${'Lesson 😀 é '.repeat(9000)}end`;
    const alerts: AlertBook = {
      big: {
        finding: {
          ruleId: 'lobby',
          key: 'big',
          severity: 'info',
          audience: [],
          message: 'x'.repeat(70_000),
          action: 'a',
          debounce: false,
          source: 's',
        },
        firstSeenAt: 1,
      },
    };
    assert.ok(title.length > 64 * 1024);
    const result = await store.commit(
      key,
      endedEvent('big', 1),
      { state: lessonState(key.tenantId, key.meetingId, { title }), alerts },
      undefined,
    );
    assert.equal(result.outcome, 'applied');
    const loaded = await store.load(key);
    assert.equal(loaded?.state.title, title);
    assert.deepEqual(loaded?.alerts, alerts);
  });

  it('keeps meetings whose ids differ only in forbidden characters apart', async () => {
    const store = await makeStore();
    const ids = ['a/b', 'a\\b', 'a#b', 'a?b', 'a\u0000b', 'a\u001Fb'];
    for (const meetingId of ids) {
      const k = { tenantId: 't/\\#?', meetingId };
      await store.commit(
        k,
        endedEvent(`evt/${meetingId}`, 1),
        { state: lessonState(k.tenantId, meetingId), alerts: noAlerts },
        undefined,
      );
    }
    for (const meetingId of ids) {
      const k = { tenantId: 't/\\#?', meetingId };
      assert.equal((await store.load(k))?.state.meetingId, meetingId);
      assert.deepEqual(
        (await store.listEvents(k)).map((e) => e.id),
        [`evt/${meetingId}`],
      );
    }
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

  it('lists every event oldest first across a page boundary', async function () {
    this.timeout(60_000);
    const store = await makeStore();
    const count = 1005;
    let etag: string | undefined;
    // Times run backwards against ids, so the order can only come from the event time.
    for (let i = 0; i < count; i += 1) {
      const result = await store.commit(
        key,
        endedEvent(`e${String(i).padStart(4, '0')}`, 10_000_000 - i),
        { state: lessonState(key.tenantId, key.meetingId), alerts: noAlerts },
        etag,
      );
      assert.equal(result.outcome, 'applied');
      etag = result.outcome === 'applied' ? result.etag : undefined;
    }
    const events = await store.listEvents(key);
    assert.equal(events.length, count);
    assert.equal(events[0]?.id, 'e1004');
    assert.ok(events.every((e, i) => i === 0 || (events[i - 1]?.at ?? 0) <= e.at));
  });
});
