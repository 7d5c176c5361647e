import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DELIVER_REASON } from '../../bot/src/app/delivery/lessonDeliveries.js';
import { createStorageTables } from '../../bot/src/storage/tableClients.js';
import { TableTimerStore } from '../../bot/src/storage/tableTimerStore.js';
import { sharedAzurite } from '../support/azurite.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, startTestService } from '../support/serviceHarness.js';
import { acceptedSends, assertEachSentOnce, watchSender } from './exactlyOnceSends.js';
import {
  at,
  lessonOf,
  organizers,
  outbox,
  PAST_GRACE_MS,
  post,
  staffList,
  type Lesson,
  type Service,
} from './twoInstanceLessons.js';

describe("faults: two instances on one Azurite share each lesson's outbox (issue 14)", function () {
  this.timeout(240_000); // 200 messages through two instances and one Azurite: slow on a loaded 2-core machine
  let connector: RunningFakeConnector;
  let a: Service;
  let b: Service;
  let clock: ManualClock;
  let tablePrefix: string;
  let senders: Array<ReturnType<typeof watchSender>>;

  beforeEach(async () => {
    connector = await startFakeConnector();
    clock = new ManualClock(at(0));
    tablePrefix = `out${Math.random().toString(36).slice(2, 8)}`;
    a = await startTestService({ staffList, clock, tablePrefix });
    b = await startTestService({ staffList, clock, tablePrefix });
    senders = [watchSender(a), watchSender(b)];
  });
  afterEach(async () => {
    sinon.restore();
    await a.stop();
    await b.stop();
    await connector.stop();
  });

  /** Lessons whose pupils were left alone while Teams answers 503: raised, tried once, pending. */
  async function pupilsLeftAloneDuringOutage(count: number): Promise<Lesson[]> {
    const lessons = Array.from({ length: count }, (_, i) => lessonOf(connector, i));
    await post([a, b], lessons, (l) => l.opening);
    connector.clear();
    // Retry-After: 0 lets the SDK's own retries fail at once instead of holding each send for seconds.
    connector.failNext(1_000_000, 503, 0);
    clock.current = at(1);
    await post([a, b], lessons, (l) => l.adultsLeave);
    clock.current = at(1) + PAST_GRACE_MS;
    while ((await Promise.all([a.core.tick(), b.core.tick()])).some((claimed) => claimed > 0));
    return lessons;
  }

  it('200+ critical messages owed through a Teams outage: after it, both instances send and each message goes out exactly once', async () => {
    const lessons = await pupilsLeftAloneDuringOutage(organizers.length);
    const owed = await outbox(a, lessons);
    const pending = owed.filter((d) => d.critical && d.state === 'pending');
    assert.ok(pending.length >= 200, `${pending.length} critical messages pending`);
    assert.equal(pending.length, owed.length, 'nothing sent during the outage');
    assert.ok(
      pending.every((d) => d.attempts >= 1 && /503/.test(d.lastError ?? '')),
      'each tried and refused',
    );
    assert.equal(acceptedSends(connector, lessons, owed).size, 0);
    // The outage goes on and each instance retries every lesson on its own, so both have checked
    // each lesson's roster with Teams and neither is slower than the other once Teams is back.
    for (const service of [a, b]) {
      clock.current = Math.max(...(await outbox(a, lessons)).map((d) => d.nextAttemptAt)) + 5_000;
      while ((await service.core.tick()) > 0);
    }
    clock.current = Math.max(...(await outbox(a, lessons)).map((d) => d.nextAttemptAt));

    // Two more `deliver` timers per lesson (a sweep leaves one behind when a round outlives its
    // deadline), a sweep's claim (50) apart in due order, the second ones in reverse: the instances
    // claim one each and work through the lessons from opposite ends; where they meet they run the
    // same lesson's round at the same moment, and only the lease keeps them from sending twice.
    const tables = createStorageTables({ connectionString: (await sharedAzurite()).connectionString, tablePrefix });
    const timers = new TableTimerStore(tables.timers, { now: () => clock.now() });
    const [first, second] = [(i: number) => clock.now() + 1 + i, (i: number) => clock.now() + 3 * lessons.length - i];
    await Promise.all(
      lessons.flatMap((l, i) => [first(i), second(i)].map((dueAt) => timers.schedule(l.key, dueAt, DELIVER_REASON))),
    );

    connector.recover();
    for (let round = 0; round < 10 && (await outbox(a, lessons)).some((d) => d.state !== 'sent'); round++) {
      clock.advance(5_000);
      await Promise.all([a.core.tick(), b.core.tick()]);
    }
    const delivered = await outbox(b, lessons);
    assert.equal(delivered.length, owed.length);
    await assertEachSentOnce(connector, lessons, delivered, senders);
    const [byA, byB] = await Promise.all(senders.map((s) => s.sent()));
    assert.ok(byA!.length > 0 && byB!.length > 0, `both instances sent (${byA!.length} and ${byB!.length})`);
  });

  it('instance B sweeps while A is mid-send (its lease held): B sends none of the messages A is sending', async () => {
    const lessons = await pupilsLeftAloneDuringOutage(3);
    connector.recover();
    connector.hang('/v3/conversations'); // Teams takes A's 1:1 messages and does not answer
    clock.advance(5_000);
    senders.forEach((s) => s.forget()); // the outage's refused attempts
    // A's sweep gives up waiting at its deadline and sets each lesson's timer again; its sends go on.
    assert.ok((await a.core.tick()) >= lessons.length);
    const inFlight = await outbox(a, lessons);
    assert.ok(
      inFlight.every((d) => d.state === 'pending' && (d.leaseUntil ?? 0) > clock.now() + 30_000),
      'A holds every message it is sending',
    );
    const triedByA = senders[0]!.tried();
    assert.equal(triedByA.length, inFlight.length);
    const heldBeforeB = connector.held.length;
    assert.ok(heldBeforeB > 0);

    clock.advance(31_000); // the timers A set again are due; A's lease is not over
    assert.ok((await b.core.tick()) >= lessons.length, 'B took up the lessons A is sending');
    assert.deepEqual(senders[1]!.tried(), [], 'B sent nothing A holds');
    assert.equal(connector.held.length, heldBeforeB, 'no second request reached Teams');

    connector.failNext(1_000_000, 503, 0);
    connector.release(); // Teams refuses what it held: A's sends fail, and nothing was delivered yet
    await senders[0]!.settled();
    connector.recover();
    for (let round = 0; round < 10 && (await outbox(a, lessons)).some((d) => d.state !== 'sent'); round++) {
      clock.advance(20_000);
      await Promise.all([a.core.tick(), b.core.tick()]);
    }
    await assertEachSentOnce(connector, lessons, await outbox(b, lessons), senders);
  });
});
