import { strict as assert } from 'node:assert';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import { pageRows } from '../../bot/src/storage/eventPages.js';
import { meetingPartition } from '../../bot/src/storage/meetingRows.js';
import { OUTBOX_MAX_EVENTS } from '../../bot/src/storage/snapshotOutbox.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { writeLegacyEventRows } from './legacyEventRows.js';
import { storedLayout } from './outboxSupport.js';
import { endedEvent, freshTables, lessonState } from './storageFixtures.js';

const key: MeetingKey = { tenantId: 'tenant-p', meetingId: 'pages/lesson' };
const next = () => ({ state: lessonState(key.tenantId, key.meetingId), alerts: {} });

describe('storage/tableMeetingStore: flushed events on pages, older lessons still read (issue 21)', () => {
  it('flushes each full outbox onto one page, and reads a lesson stored before pages with its newer events', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const total = 3 * OUTBOX_MAX_EVENTS;
    let etag: string | undefined;
    for (let i = 10; i < 10 + total; i += 1) {
      const result = await store.commit(key, endedEvent(`e${i}`, i * 1000), next(), etag);
      assert.equal(result.outcome, 'applied');
      etag = result.outcome === 'applied' ? result.etag : undefined;
    }
    const layout = await storedLayout(tables.meetings, key);
    assert.ok(layout.pages >= 2, `${layout.pages} pages`);
    assert.equal(layout.flushedIds.length + layout.outbox.length, total);
    assert.ok(layout.pages < layout.flushedIds.length / 8, 'a page holds a whole outbox, not one event');

    // The first ten events were flushed before pages existed: a row each.
    await writeLegacyEventRows(
      tables.meetings,
      key,
      Array.from({ length: 10 }, (_, i) => endedEvent(`e${i}`, i * 1000)),
    );
    const another = new TableMeetingStore(tables.meetings);
    assert.deepEqual(
      (await another.listEvents(key)).map((e) => e.id),
      Array.from({ length: 10 + total }, (_, i) => `e${i}`),
    );
    assert.equal(await another.hasEvent(key, 'e3'), true, 'in a row of its own');
    assert.equal(await another.hasEvent(key, 'e12'), true, 'on a page');
    assert.equal(await another.hasEvent(key, layout.outbox[0]!.id), true, 'still in the outbox');
    assert.equal(await another.hasEvent(key, 'e999'), false);
    assert.equal(await another.hasEvent({ ...key, meetingId: 'pages/other' }, 'e12'), false, 'another lesson');
  });

  it('settles a flush whose page name is taken (a leftover of a deleted record) as a lost race, losing nothing', async () => {
    const tables = await freshTables();
    const store = new TableMeetingStore(tables.meetings);
    const lesson = { ...key, meetingId: 'pages/leftover' };
    const state = () => ({ state: lessonState(lesson.tenantId, lesson.meetingId), alerts: {} });
    const created = await store.commit(lesson, endedEvent('first', 1), state(), undefined);
    let etag = created.outcome === 'applied' ? created.etag : undefined;
    for (let i = 1; i < OUTBOX_MAX_EVENTS; i += 1) {
      const result = await store.commit(lesson, endedEvent(`e${i}`, 1 + i), state(), etag);
      etag = result.outcome === 'applied' ? result.etag : undefined;
    }
    // The next commit flushes at revision OUTBOX_MAX_EVENTS + 1 onto a page named after 'first': put one there.
    const [leftover] = pageRows(meetingPartition(lesson), OUTBOX_MAX_EVENTS + 1, [endedEvent('first', 1)]);
    await tables.meetings.createEntity(leftover!);
    const before = await storedLayout(tables.meetings, lesson);
    const last = endedEvent(`e${OUTBOX_MAX_EVENTS}`, 1 + OUTBOX_MAX_EVENTS);
    const refused = await store.commit(lesson, last, state(), etag);
    assert.equal(refused.outcome, 'conflict');
    assert.deepEqual((await storedLayout(tables.meetings, lesson)).outbox, before.outbox, 'the outbox is as it was');

    await tables.meetings.deleteEntity(leftover!.partitionKey, leftover!.rowKey);
    const again = await store.commit(lesson, last, state(), await store.load(lesson));
    assert.equal(again.outcome, 'applied');
    assert.deepEqual(
      (await store.listEvents(lesson)).map((e) => e.id),
      ['first', ...Array.from({ length: OUTBOX_MAX_EVENTS }, (_, i) => `e${i + 1}`)],
    );
  });
});
