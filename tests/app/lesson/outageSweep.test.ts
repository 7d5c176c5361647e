import { strict as assert } from 'node:assert';
import { ONE_TO_ONE_KEY } from '../../../bot/src/app/lessonRoutines/oneToOneConcern.js';
import { EVALUATE_REASON } from '../../../bot/src/app/lesson/reevaluateAndSave.js';
import { join, policy, pupil, staff, started, T0 } from '../../domain/builders.js';
import { KEY, useSuts, type Sut } from './makeSut.js';

const GRACE_MS = policy().graceSeconds * 1000;

/** What was sent about the one-to-one. */
const oneToOneSent = (sut: Sut) =>
  sut.sent.filter((d) => d.message.kind === 'finding' && d.message.finding.key === ONE_TO_ONE_KEY);

/** What storage holds while it is down (looked at behind the service's back). */
async function storedMeanwhile(sut: Sut) {
  sut.storage.up();
  try {
    return await sut.meetings.load(KEY);
  } finally {
    sut.storage.down();
  }
}

/** A teacher alone with one pupil (its grace period running from T0), then storage goes down. */
async function oneToOneThenOutage(sut: Sut): Promise<Sut> {
  await sut.record(started(T0, { organizerId: 't1' }));
  await sut.record(join(staff('t1'), T0));
  await sut.record(join(pupil('p1'), T0));
  sut.storage.down();
  return sut;
}

describe('app/lesson/outageSweep (grace periods that run out while storage is down)', () => {
  const make = useSuts();

  it('a grace period that runs out during an outage still raises its alert, from memory, and sends it at once', async () => {
    const sut = await oneToOneThenOutage(make());

    await sut.advance(GRACE_MS);

    assert.equal(sut.lessons.buffer.degraded, true, 'the failed sweep marked storage down');
    assert.equal(sut.lessons.cache.uncommitted(KEY)?.alerts[ONE_TO_ONE_KEY]?.raisedAt, T0 + GRACE_MS);
    assert.equal(oneToOneSent(sut).length, 2, 'the staff in the meeting and the DSL');
    assert.equal(
      (await storedMeanwhile(sut))?.alerts[ONE_TO_ONE_KEY]?.raisedAt,
      undefined,
      'storage has not heard yet',
    );
  });

  it('once storage is back, what memory raised and sent is written and nothing is sent twice', async () => {
    const sut = await oneToOneThenOutage(make());
    await sut.advance(GRACE_MS);
    const sends = sut.sender.send.callCount;

    sut.storage.up();
    await sut.advance(5_000);
    await sut.advance(5_000);

    const stored = await sut.meetings.load(KEY);
    assert.equal(stored?.alerts[ONE_TO_ONE_KEY]?.raisedAt, T0 + GRACE_MS);
    const owed = (stored?.deliveries ?? []).filter(
      (d) => d.message.kind === 'finding' && d.message.finding.key === ONE_TO_ONE_KEY,
    );
    assert.deepEqual(
      owed.map((d) => d.state),
      ['sent', 'sent'],
    );
    assert.equal(sut.sender.send.callCount, sends, 'the alerts sent during the outage are not sent again');
    assert.deepEqual(sut.lessons.cache.uncommittedKeys(), []);
    assert.equal(sut.lessons.buffer.degraded, false);
  });

  it('events held in the outage start their own grace period in memory; it is raised when due and all of it written once back', async () => {
    const sut = make();
    await sut.record(started(T0, { organizerId: 't1' }));
    await sut.record(join(staff('t1'), T0));
    sut.storage.down();
    const child = join(pupil('p1'), T0);
    assert.equal((await sut.record(child)).buffered, true);

    await sut.advance(GRACE_MS);
    assert.equal(oneToOneSent(sut).length, 2, 'raised from memory although no timer could be stored');

    sut.storage.up();
    sut.clock.tick(5_000);
    await sut.tick();
    const stored = await sut.meetings.load(KEY);
    assert.ok(stored?.state.applied.includes(child.id));
    assert.equal(stored?.alerts[ONE_TO_ONE_KEY]?.raisedAt, T0 + GRACE_MS);
    assert.equal(oneToOneSent(sut).length, 2);
    assert.ok(
      sut.timers.pending().some((t) => t.reason === EVALUATE_REASON && t.dueAt > T0 + GRACE_MS),
      'the next check is stored',
    );
  });
});
