import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { OutageBuffer, OutageBufferFullError, type HeldEvent } from '../../../bot/src/app/lesson/outageBuffer.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { isUnavailable, StorageUnavailableError } from '../../../bot/src/storage/errors.js';
import { at, join, leave, pupil, staff, started, tick } from '../../domain/builders.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';
import { KEY, memoryJournal, useSuts, type Sut } from './makeSut.js';

const ids = (events: readonly MeetingEvent[]) => events.map((e) => e.id);

/** Ids of the events storage accepted (each write that answered `applied`), in the order written. */
async function written(commit: sinon.SinonSpy): Promise<string[]> {
  const outcomes = await Promise.allSettled(commit.returnValues as Array<Promise<{ outcome: string }>>);
  return commit.args.flatMap(([, event], i) => {
    const outcome = outcomes[i]!;
    return outcome.status === 'fulfilled' && outcome.value.outcome === 'applied' ? [(event as MeetingEvent).id] : [];
  });
}

/** Records `events` with storage down, as the lesson path does. */
async function duringOutage(sut: Sut, events: MeetingEvent[]): Promise<void> {
  sut.storage.down();
  for (const event of events) assert.equal((await sut.record(event)).buffered, true);
}

describe('app/lesson/outageBuffer', () => {
  const make = useSuts();
  const start = started(at(0));
  const held = [
    join(staff('t1'), at(0)),
    join(pupil('p1'), at(1)),
    tick('expectationsRead', at(2)),
    leave('p1', at(3)),
  ];

  it('events held while storage is down are written in arrival order once it is back, each exactly once', async () => {
    const sut = make();
    await sut.record(start);
    await duringOutage(sut, held);
    assert.equal((await sut.record(held[0]!)).outcome, 'duplicate', 'a redelivery during the outage is not held twice');
    assert.equal(sut.lessons.buffer.size, held.length);
    const commit = sinon.spy(sut.meetings, 'commit');

    sut.storage.up();
    await sut.tick();
    await sut.tick();

    assert.deepEqual(await written(commit), ids(held));
    assert.deepEqual(ids(await sut.meetings.listEvents(KEY)), ids([start, ...held]));
    assert.equal(sut.lessons.buffer.size, 0);
    assert.equal(sut.lessons.buffer.degraded, false);
  });

  it('storage failing again part-way keeps the rest held, in order, and writes nothing twice when it is back', async () => {
    const sut = make();
    await sut.record(start);
    await duringOutage(sut, held);
    sut.storage.up();
    // Down again right after the first held event is written.
    const real = sut.meetings.commit.bind(sut.meetings);
    const commit = sinon.stub(sut.meetings, 'commit').callsFake(async (...args) => {
      const result = await real(...args);
      if (commit.callCount === 1) sut.storage.down();
      return result;
    });

    await sut.tick();
    assert.equal(sut.lessons.buffer.size, held.length - 1);
    assert.equal(sut.lessons.buffer.degraded, true);

    sut.storage.up();
    await sut.tick();
    assert.equal(sut.lessons.buffer.size, 0);
    assert.deepEqual(await written(commit), ids(held));
    assert.deepEqual(ids(await sut.meetings.listEvents(KEY)), ids([start, ...held]));
  });

  it('each held event is journaled before it is accepted, and the journal is cleared once all are in storage', async () => {
    const journal = memoryJournal();
    const sut = make({ journal });
    await sut.record(start);
    await duringOutage(sut, held.slice(0, 2));
    assert.deepEqual(
      journal.events.map((h) => h.event.id),
      ids(held.slice(0, 2)),
    );
    sut.storage.up();
    await sut.tick();
    assert.deepEqual(journal.events, []);
  });

  it('an event the journal cannot keep is refused (the sender retries) and changes nothing', async () => {
    const journal = memoryJournal();
    journal.append = () => {
      throw new Error('ENOSPC: no space left on device');
    };
    const sut = make({ journal });
    await sut.record(start);
    sut.storage.down();
    await assert.rejects(sut.record(held[0]!), /ENOSPC/);
    assert.equal(sut.lessons.buffer.size, 0);
    assert.equal(sut.lessons.cache.uncommitted(KEY), undefined);
  });

  describe('on its own', () => {
    const outage = new StorageUnavailableError(
      'apply meeting event',
      Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }),
    );
    const heldEvent = (event: MeetingEvent): HeldEvent => ({ key: KEY, event });
    const buffer = (capacity?: number) =>
      new OutageBuffer({
        isOutage: isUnavailable,
        logger: fakeLogger(),
        now: () => at(0),
        ...(capacity ? { capacity } : {}),
      });

    it('when full it refuses a new event rather than dropping one it holds', async () => {
      const sut = buffer(2);
      sut.hold(KEY, held[0]!, undefined, outage);
      sut.hold(KEY, held[1]!, undefined, outage);
      assert.throws(() => sut.hold(KEY, held[2]!, undefined, outage), OutageBufferFullError);
      const write = sinon.fake.resolves(undefined);
      assert.equal(await sut.flush(write), 2);
      assert.deepEqual(
        write.args.map(([h]) => (h as HeldEvent).event.id),
        ids(held.slice(0, 2)),
      );
    });

    it('events an earlier process journaled are written before those held since, and mark storage down until then', async () => {
      const sut = buffer();
      sut.restore([heldEvent(held[0]!), heldEvent(held[1]!)]);
      assert.equal(sut.degraded, true);
      sut.hold(KEY, held[2]!, undefined, outage);
      const write = sinon.fake.resolves(undefined);
      await sut.flush(write);
      assert.deepEqual(
        write.args.map(([h]) => (h as HeldEvent).event.id),
        ids(held.slice(0, 3)),
      );
      assert.equal(sut.degraded, false);
    });

    it('a held event that fails for another reason than an outage is logged and kept for the next flush', async () => {
      const logger = fakeLogger();
      const sut = new OutageBuffer({ isOutage: isUnavailable, logger, now: () => at(0) });
      sut.hold(KEY, held[0]!, undefined, outage);
      assert.equal(await sut.flush(sinon.fake.rejects(new TypeError('bad row'))), 0);
      assert.equal(sut.size, 1);
      assert.equal(logger.error.callCount, 2, 'the outage, then the failed write');
      assert.equal(await sut.flush(sinon.fake.resolves(undefined)), 1);
    });
  });
});
