import { strict as assert } from 'node:assert';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import { minutePartition, TableTimerStore } from '../../bot/src/storage/tableTimerStore.js';
import { freshTables } from './storageFixtures.js';

const T0 = Date.UTC(2026, 10, 23, 9, 15, 30);
const lesson: MeetingKey = { tenantId: 'tenant/a', meetingId: '19:meeting#1?x' };

async function makeStores(count = 1) {
  const tables = await freshTables();
  return Array.from({ length: count }, () => new TableTimerStore(tables.timers, { now: () => T0 }));
}

describe('storage/tableTimerStore', () => {
  it('names partitions by UTC due minute', () => {
    assert.equal(minutePartition(T0), '202611230915');
  });

  it('keeps one timer when the same lesson is scheduled twice for the same instant', async () => {
    const [store] = await makeStores();
    await store!.schedule(lesson, T0 + 30_000, 'grace');
    await store!.schedule(lesson, T0 + 30_000, 'grace');
    const claimed = await store!.claimDue(T0 + 60_000, 10);
    assert.equal(claimed.length, 1);
    assert.deepEqual(claimed[0]?.key, lesson);
    assert.equal(claimed[0]?.dueAt, T0 + 30_000);
    assert.equal(claimed[0]?.reason, 'grace');
    assert.deepEqual(await store!.claimDue(T0 + 60_000, 10), []);
  });

  it('keeps timers of different reasons for the same lesson and instant apart', async () => {
    const [store] = await makeStores();
    await store!.schedule(lesson, T0 + 30_000, 'evaluate');
    await store!.schedule(lesson, T0 + 30_000, 'attendance');
    const claimed = await store!.claimDue(T0 + 60_000, 10);
    assert.deepEqual(claimed.map((t) => t.reason).sort(), ['attendance', 'evaluate']);
  });

  it('does not return timers that are not yet due', async () => {
    const [store] = await makeStores();
    await store!.schedule(lesson, T0 + 5 * 60_000, 'countdown');
    assert.deepEqual(await store!.claimDue(T0 + 4 * 60_000, 10), []);
    assert.equal((await store!.claimDue(T0 + 5 * 60_000, 10)).length, 1);
  });

  it('finds due timers in earlier minutes and respects the limit, oldest first', async () => {
    const [store] = await makeStores();
    const due = [T0, T0 + 70_000, T0 + 150_000];
    for (const [i, at] of due.entries()) await store!.schedule({ ...lesson, meetingId: `m${i}` }, at, 'tick');
    const first = await store!.claimDue(T0 + 200_000, 2);
    assert.deepEqual(
      first.map((t) => t.dueAt),
      [T0, T0 + 70_000],
    );
    const rest = await store!.claimDue(T0 + 200_000, 2);
    assert.deepEqual(
      rest.map((t) => t.dueAt),
      [T0 + 150_000],
    );
  });

  it('never gives the same timer to two instances sweeping at once', async () => {
    const [a, b] = await makeStores(2);
    const count = 30;
    for (let i = 0; i < count; i += 1) await a!.schedule({ ...lesson, meetingId: `m${i}` }, T0 + i * 1000, 'race');
    const [fromA, fromB] = await Promise.all([a!.claimDue(T0 + 60_000, 100), b!.claimDue(T0 + 60_000, 100)]);
    const ids = [...fromA!, ...fromB!].map((t) => t.id);
    assert.equal(ids.length, count);
    assert.equal(new Set(ids).size, count);
  });

  it('files a timer scheduled in the past where a sweep still looks', async () => {
    const [store] = await makeStores();
    await store!.claimDue(T0, 10); // moves the watermark up to the previous minute
    await store!.schedule(lesson, T0 - 10 * 60_000, 'late');
    assert.deepEqual(
      (await store!.claimDue(T0, 10)).map((t) => t.reason),
      ['late'],
    );
  });
});
