import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Delivery } from '../../../bot/src/app/delivery/delivery.js';
import type { MeetingKey, MeetingRecord } from '../../../bot/src/app/ports.js';
import { RecordCache } from '../../../bot/src/app/lesson/recordCache.js';
import type { Finding, TrackedFinding } from '../../../bot/src/domain/types.js';
import { at, join, meeting, pupil, staff, started } from '../../domain/builders.js';
import { KEY, useSuts } from './makeSut.js';

const finding = (key: string): Finding => ({
  ruleId: 'unsupervised',
  key,
  severity: 'critical',
  audience: ['dsl'],
  message: 'm',
  action: 'a',
  debounce: true,
  source: 'test',
});
const tracked = (key: string, raisedAt?: number): TrackedFinding => ({
  finding: finding(key),
  firstSeenAt: at(0),
  ...(raisedAt === undefined ? {} : { raisedAt }),
});
const card = (id: string, state: Delivery['state']): Delivery => ({
  id,
  message: { kind: 'card', cause: `${id}@0`, title: 'Card', lines: [] },
  recipient: { kind: 'person', aadObjectId: 't1', role: 'organizer' },
  critical: false,
  state,
  createdAt: at(0),
  attempts: 0,
  nextAttemptAt: at(0),
});
const record = (etag: string, more: Partial<MeetingRecord> = {}): MeetingRecord => ({
  state: meeting(started(at(0))),
  alerts: {},
  etag,
  ...more,
});
const key = (meetingId: string): MeetingKey => ({ tenantId: 'tenant-1', meetingId });

describe('app/lesson/recordCache', () => {
  describe('on the lesson path', () => {
    const make = useSuts();

    it('reuses the snapshot it wrote, by its ETag: the next event costs the write alone, no read', async () => {
      const sut = make();
      await sut.record(started(at(0)));
      const load = sinon.spy(sut.meetings, 'load');
      const commit = sinon.spy(sut.meetings, 'commit');
      await sut.record(join(staff('t1'), at(0)));
      assert.equal(load.callCount, 0);
      assert.equal(commit.callCount, 1);
    });

    it("after a conflict it holds the winner's snapshot, so the next event writes at the first try", async () => {
      const a = make();
      const b = make({ shared: a });
      await a.record(started(at(0)));
      await b.record(join(staff('t1'), at(0)));
      await a.record(join(pupil('p1'), at(1)));
      assert.equal(a.lessons.cache.peek(KEY)?.etag, (await a.meetings.load(KEY))?.etag);

      const commit = sinon.spy(a.meetings, 'commit');
      await a.record(join(staff('t2'), at(2)));
      assert.deepEqual(
        (await Promise.all(commit.returnValues)).map((r) => r.outcome),
        ['applied'],
      );
    });
  });

  it('a reader that tolerates staleness gets the cached record within its window and a fresh read after it', async () => {
    let now = 0;
    const cache = new RecordCache(10, () => now);
    const load = sinon.fake.resolves(record('"2"'));
    cache.set(KEY, record('"1"'));
    now = 2_000;
    assert.equal((await cache.read(KEY, 2_000, load))?.etag, '"1"');
    assert.equal(load.callCount, 0);
    now = 2_001;
    assert.equal((await cache.read(KEY, 2_000, load))?.etag, '"2"');
    assert.equal(load.callCount, 1);
  });

  describe('while storage is down', () => {
    it('an uncommitted entry is never served as the stored record: the next read goes to storage', async () => {
      const cache = new RecordCache();
      cache.setUncommitted(KEY, record(''));
      assert.deepEqual(cache.uncommittedKeys(), [KEY]);
      const load = sinon.fake.resolves(record('"1"'));
      assert.equal((await cache.get(KEY, load))?.etag, '"1"');
      assert.equal(load.callCount, 1);
      assert.deepEqual(cache.uncommittedKeys(), [KEY], 'still holds what storage has not taken');
      cache.set(KEY, record('"2"'));
      assert.deepEqual(cache.uncommittedKeys(), []);
    });

    it('a reload keeps what memory raised and sent over what storage holds, so nothing is raised or sent twice', async () => {
      const cache = new RecordCache();
      const inMemory = record('', {
        alerts: { raised: tracked('raised', at(1)), maturing: tracked('maturing') },
        deliveries: [card('sent-in-outage', 'sent'), card('planned-in-outage', 'pending')],
      });
      cache.setUncommitted(KEY, inMemory);
      const stored = record('"1"', {
        alerts: { other: tracked('other', at(0)) },
        deliveries: [card('sent-in-outage', 'pending'), card('stored-only', 'pending')],
      });

      const merged = await cache.reload(KEY, async () => stored);

      assert.equal(merged?.etag, '"1"', 'written next under the stored ETag');
      assert.deepEqual(
        Object.keys(merged?.alerts ?? {}).sort(),
        ['other', 'raised'],
        'one still maturing in memory is evaluated again, not copied',
      );
      const deliveries = merged?.deliveries?.map((d) => `${d.id}:${d.state}`).sort();
      assert.deepEqual(deliveries, ['planned-in-outage:pending', 'sent-in-outage:sent', 'stored-only:pending']);
    });

    it('a lesson first seen during the outage reloads as an empty stored lesson with what memory raised', async () => {
      const cache = new RecordCache();
      cache.setUncommitted(KEY, record('', { alerts: { raised: tracked('raised', at(1)) } }));
      const merged = await cache.reload(KEY, async () => undefined);
      assert.equal(merged?.etag, '');
      assert.deepEqual(merged?.state.applied, []);
      assert.deepEqual(Object.keys(merged?.alerts ?? {}), ['raised']);
    });
  });

  it('keeps the most recently used lessons within its bound', async () => {
    const cache = new RecordCache(2);
    cache.set(key('old'), record('"o"'));
    cache.set(key('used'), record('"u"'));
    await cache.get(key('old'), sinon.fake.rejects(new Error('not read: cached')));
    cache.set(key('new'), record('"n"'));
    assert.equal(cache.peek(key('used')), undefined, 'the least recently used goes');
    assert.ok(cache.peek(key('old')) && cache.peek(key('new')));
  });

  it('never drops a lesson holding unwritten changes or a timer owed from memory to stay within its bound', () => {
    const cache = new RecordCache(1);
    cache.setUncommitted(key('held'), record(''));
    cache.set(key('other'), record('"o"'));
    assert.ok(cache.peek(key('held')));
    const timers = new RecordCache(1);
    timers.set(key('timer'), record('"t"'));
    timers.holdTimer(key('timer'), at(5));
    timers.set(key('other'), record('"o"'));
    assert.deepEqual(timers.heldTimers(), [{ key: key('timer'), dueAt: at(5) }]);
  });

  it('stays within its bound behind a held lesson: the oldest lesson it may drop goes instead', () => {
    const cache = new RecordCache(2);
    cache.setUncommitted(key('held'), record(''));
    cache.set(key('a'), record('"a"'));
    cache.set(key('b'), record('"b"'));
    cache.set(key('c'), record('"c"'));
    assert.ok(cache.peek(key('held')), 'the held lesson stays');
    assert.equal(cache.peek(key('a')), undefined, 'the oldest droppable lesson went');
    assert.equal(cache.peek(key('b')), undefined);
    assert.ok(cache.peek(key('c')));
  });

  it('asks for a timer only when none is pending as early: a pending earlier timer re-evaluates and schedules the next itself', () => {
    const cache = new RecordCache();
    cache.set(KEY, record('"1"'));
    assert.equal(cache.needsTimer(KEY, at(5), at(0)), true);
    cache.timerScheduled(KEY, at(5));
    assert.equal(cache.needsTimer(KEY, at(6), at(0)), false);
    assert.equal(cache.needsTimer(KEY, at(4), at(0)), true);
    assert.equal(cache.needsTimer(KEY, at(6), at(5)), true, 'a timer that has fired no longer covers anything');
  });
});
