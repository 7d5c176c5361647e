import { strict as assert } from 'node:assert';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { endedEvent, freshTables, lessonState } from './storageFixtures.js';

async function startLesson(
  store: TableMeetingStore,
  key: MeetingKey,
  startedAt: number,
  organizerId = 'teacher-1',
): Promise<void> {
  const state = lessonState(key.tenantId, key.meetingId, { startedAt, organizerId });
  const first = await store.commit(
    key,
    endedEvent(`start-${key.meetingId}`, startedAt),
    { state, alerts: {} },
    undefined,
  );
  assert.equal(first.outcome, 'applied');
  // A later event on the same lesson must not index it twice.
  const etag = first.outcome === 'applied' ? first.etag : undefined;
  await store.commit(key, endedEvent(`later-${key.meetingId}`, startedAt + 1), { state, alerts: {} }, etag);
}

describe('storage/meetingIndex (listMeetings)', () => {
  it('lists a tenant’s started lessons newest first, once each, honouring the limit', async () => {
    const store = new TableMeetingStore((await freshTables()).meetings);
    await startLesson(store, { tenantId: 'school/a', meetingId: 'old#1' }, 1_000);
    await startLesson(store, { tenantId: 'school/a', meetingId: 'new?2' }, 3_000);
    await startLesson(store, { tenantId: 'school/a', meetingId: 'mid\\3' }, 2_000);
    await store.commit(
      { tenantId: 'school/a', meetingId: 'never-started' },
      endedEvent('x', 5),
      { state: lessonState('school/a', 'never-started'), alerts: {} },
      undefined,
    );

    assert.deepEqual(
      (await store.listMeetings('school/a')).map((m) => m.meetingId),
      ['new?2', 'mid\\3', 'old#1'],
    );
    assert.deepEqual(
      (await store.listMeetings('school/a', { limit: 2 })).map((m) => m.meetingId),
      ['new?2', 'mid\\3'],
    );
  });

  it('never shows one tenant’s lessons to another', async () => {
    const store = new TableMeetingStore((await freshTables()).meetings);
    await startLesson(store, { tenantId: 'school-a', meetingId: 'same-id' }, 1_000);
    await startLesson(store, { tenantId: 'school-b', meetingId: 'other' }, 2_000);
    assert.deepEqual(
      (await store.listMeetings('school-a')).map((m) => [m.tenantId, m.meetingId]),
      [['school-a', 'same-id']],
    );
    assert.deepEqual(
      (await store.listMeetings('school-b')).map((m) => [m.tenantId, m.meetingId]),
      [['school-b', 'other']],
    );
    assert.deepEqual(await store.listMeetings('school-c'), []);
  });

  it('filters by organizer', async () => {
    const store = new TableMeetingStore((await freshTables()).meetings);
    await startLesson(store, { tenantId: 't', meetingId: 'm1' }, 1_000, 'teacher-1');
    await startLesson(store, { tenantId: 't', meetingId: 'm2' }, 2_000, 'teacher-2');
    await startLesson(store, { tenantId: 't', meetingId: 'm3' }, 3_000, 'teacher-1');
    assert.deepEqual(
      (await store.listMeetings('t', { organizerId: 'teacher-1', limit: 1 })).map((m) => m.meetingId),
      ['m3'],
    );
    assert.deepEqual(
      (await store.listMeetings('t', { organizerId: 'teacher-1' })).map((m) => m.meetingId),
      ['m3', 'm1'],
    );
  });
});
