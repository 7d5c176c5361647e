import { strict as assert } from 'node:assert';
import type { AlertBook } from '../../bot/src/domain/types.js';
import { key, makeStore, noAlerts } from './meetingStoreSut.js';
import { endedEvent, lessonState } from './storageFixtures.js';

describe('storage/tableMeetingStore', () => {
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
