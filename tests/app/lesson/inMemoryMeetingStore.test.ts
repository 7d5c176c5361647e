import { strict as assert } from 'node:assert';
import type { LessonBook } from '../../../bot/src/app/ports.js';
import { isUnavailable } from '../../../bot/src/storage/errors.js';
import { at, ended, meeting, started } from '../../domain/builders.js';
import { InMemoryMeetingStore, InMemoryTimerStore } from '../../support/inMemoryMeetingStore.js';
import { KEY } from './makeSut.js';

const book = (title: string): LessonBook => ({ state: { ...meeting(started(at(0))), title }, alerts: {} });

/**
 * The fake keeps the Table store's contract (tests/storage/tableMeetingStore*.test.ts), or the unit tests prove
 * nothing.
 */
describe('support/inMemoryMeetingStore (the contract the lesson unit tests rely on)', () => {
  it('every write gives a new ETag; a stale one, or a create over an existing snapshot, is a conflict that writes nothing', async () => {
    const store = new InMemoryMeetingStore();
    const first = await store.commit(KEY, ended(at(1), 'e1'), book('one'), undefined);
    assert.equal(first.outcome, 'applied');
    const etag1 = first.outcome === 'applied' ? first.etag : '';
    const second = await store.commit(KEY, ended(at(2), 'e2'), book('two'), etag1);
    assert.ok(second.outcome === 'applied' && second.etag !== etag1);

    assert.deepEqual(await store.commit(KEY, ended(at(3), 'e3'), book('lost'), etag1), { outcome: 'conflict' });
    assert.deepEqual(await store.commit(KEY, ended(at(4), 'e4'), book('lost'), undefined), { outcome: 'conflict' });
    assert.deepEqual(await store.saveBook(KEY, { alerts: {} }, etag1), { outcome: 'conflict' });
    assert.equal((await store.load(KEY))?.state.title, 'two');
    assert.deepEqual(
      (await store.listEvents(KEY)).map((e) => e.id),
      ['e1', 'e2'],
    );
  });

  it('an event id already recorded is a duplicate whatever ETag it comes with', async () => {
    const store = new InMemoryMeetingStore();
    const first = await store.commit(KEY, ended(at(1), 'e1'), book('one'), undefined);
    const etag = first.outcome === 'applied' ? first.etag : '';
    assert.deepEqual(await store.commit(KEY, ended(at(1), 'e1'), book('again'), etag), { outcome: 'duplicate' });
    assert.deepEqual(await store.commit(KEY, ended(at(1), 'e1'), book('again'), undefined), { outcome: 'duplicate' });
    assert.equal((await store.load(KEY))?.etag, etag);
  });

  it('saving the book keeps the lesson state, and gives back copies, never the stored objects', async () => {
    const store = new InMemoryMeetingStore();
    const first = await store.commit(KEY, ended(at(1), 'e1'), book('one'), undefined);
    const saved = await store.saveBook(KEY, { alerts: {} }, first.outcome === 'applied' ? first.etag : '');
    assert.equal(saved.outcome, 'applied');
    const loaded = await store.load(KEY);
    assert.equal(loaded?.state.title, 'one');
    loaded!.state.title = 'changed by a caller';
    assert.equal((await store.load(KEY))?.state.title, 'one');
  });

  it('when storage is down every call fails as unavailable (what the outage buffer waits out), for both stores', async () => {
    const store = new InMemoryMeetingStore();
    const timers = new InMemoryTimerStore(store.storage);
    store.storage.down();
    await assert.rejects(store.load(KEY), isUnavailable);
    await assert.rejects(store.commit(KEY, ended(at(1), 'e1'), book('one'), undefined), isUnavailable);
    await assert.rejects(timers.schedule(KEY, at(1), 'evaluate'), isUnavailable);
    store.storage.up();
    assert.equal(await store.load(KEY), undefined);
  });

  it('a timer is claimed by one caller only, and the same lesson, instant and reason is one timer', async () => {
    const timers = new InMemoryTimerStore();
    await timers.schedule(KEY, at(1), 'evaluate');
    await timers.schedule(KEY, at(1), 'evaluate');
    await timers.schedule(KEY, at(1), 'deliver');
    await timers.schedule(KEY, at(9), 'evaluate');
    assert.deepEqual((await timers.claimDue(at(5), 10)).map((t) => t.reason).sort(), ['deliver', 'evaluate']);
    assert.deepEqual(await timers.claimDue(at(5), 10), []);
  });
});
