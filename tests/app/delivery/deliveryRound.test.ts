import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DeliveryFailure, type Delivery, type DeliverySender } from '../../../bot/src/app/delivery/delivery.js';
import { runDeliveryRound, type DeliveryBookStore } from '../../../bot/src/app/delivery/deliveryRound.js';
import { newDelivery } from '../../../bot/src/app/delivery/planLessonDeliveries.js';
import { RETRY_WINDOW_MS } from '../../../bot/src/app/delivery/retrySchedule.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';

const NOW = Date.UTC(2026, 0, 15, 9, 0);
const meeting = {
  key: { tenantId: 't', meetingId: 'm' },
  serviceUrl: 'https://connector.example/',
  conversationId: 'c',
  title: 'Year 5 maths',
};
const toDsl = (id: string, createdAt = NOW): Delivery =>
  newDelivery(
    {
      kind: 'finding',
      phase: 'raised',
      finding: { ruleId: 'breach', key: `breach:${id}`, severity: 'critical', message: 'm', action: 'a' },
      meeting,
      raisedAt: createdAt,
    },
    { kind: 'person', aadObjectId: id, role: 'dsl' },
    true,
    createdAt,
  );

/** An in-memory outbox with an ETag, like the lesson snapshot: a save with a stale tag is a conflict. */
function memoryStore(initial: Delivery[]): DeliveryBookStore & { deliveries: Delivery[] } {
  let version = 1;
  const store = {
    deliveries: initial,
    async load() {
      return { deliveries: store.deliveries, etag: String(version) };
    },
    async save(deliveries: Delivery[], etag: string) {
      if (etag !== String(version)) return { outcome: 'conflict' as const };
      store.deliveries = deliveries;
      return { outcome: 'applied' as const, etag: String(++version) };
    },
  };
  return store;
}

function makeSut(initial: Delivery[], send: DeliverySender['send'], now = NOW) {
  const store = memoryStore(initial);
  const logger = fakeLogger();
  const sender = { send: sinon.spy(send) };
  return { store, logger, sender, run: () => runDeliveryRound({ sender, now: () => now, logger }, 't', store) };
}

describe('app/delivery/deliveryRound', () => {
  it('marks a delivery sent, with the activity id, only when the sender resolved', async () => {
    const sut = makeSut([toDsl('a')], async () => ({ activityId: 'act-1' }));
    assert.deepEqual(await sut.run(), { sent: 1, failed: 0 });
    assert.equal(sut.store.deliveries[0]!.state, 'sent');
    assert.equal(sut.store.deliveries[0]!.activityId, 'act-1');
    assert.equal(sut.store.deliveries[0]!.leaseUntil, undefined);
  });

  it('a transient failure (503, Retry-After 30 s) stays pending, due no sooner than Retry-After, with the error kept', async () => {
    const sut = makeSut([toDsl('a')], async () => Promise.reject(new DeliveryFailure('busy', true, 30_000, 503)));
    const result = await sut.run();
    const [d] = sut.store.deliveries;
    assert.equal(d!.state, 'pending');
    assert.equal(d!.nextAttemptAt, NOW + 30_000);
    assert.equal(result.nextDueAt, NOW + 30_000);
    assert.match(d!.lastError ?? '', /503/);
    assert.equal(sut.logger.error.callCount, 0, 'retries are not errors yet');
  });

  it('a refusal the same request cannot fix (400) fails at once and is logged once, with the rule, the id and the status, not the text', async () => {
    const refusal = new DeliveryFailure(
      'Teams refused the message (400): bad card for Amelia (FAKE)',
      false,
      undefined,
      400,
    );
    const sut = makeSut([toDsl('a')], async () => Promise.reject(refusal));
    await sut.run();
    assert.equal(sut.store.deliveries[0]!.state, 'failed');
    assert.match(sut.store.deliveries[0]!.lastError ?? '', /bad card/, 'the text stays on the delivery');
    assert.equal(sut.logger.error.callCount, 1);
    assert.deepEqual(Object.keys(sut.logger.error.firstCall.args[0]).sort(), [
      'attempts',
      'delivery',
      'ruleId',
      'status',
      'tenantId',
    ]);
    assert.equal(sut.logger.error.firstCall.args[0].status, 400);
    assert.ok(!JSON.stringify(sut.logger.error.firstCall.args).includes('Amelia'));
  });

  it('gives up once the retry window is over', async () => {
    const old = toDsl('a', NOW - RETRY_WINDOW_MS);
    const sut = makeSut([old], async () => Promise.reject(new DeliveryFailure('down', true, undefined, 503)));
    await sut.run();
    assert.equal(sut.store.deliveries[0]!.state, 'failed');
  });

  it('an error of any other kind counts as transient: never "sent", tried again', async () => {
    const sut = makeSut([toDsl('a')], async () => Promise.reject(new Error('socket hang up')));
    await sut.run();
    assert.equal(sut.store.deliveries[0]!.state, 'pending');
  });

  it('two rounds at once over one outbox send each delivery exactly once (the lease is an ETag-guarded write)', async () => {
    const store = memoryStore(Array.from({ length: 20 }, (_, i) => toDsl(`dsl-${i}`)));
    const send = sinon.spy(async (_tenant: string, d: Delivery) => ({ activityId: `act-${d.id}` }));
    const deps = { sender: { send }, now: () => NOW, logger: fakeLogger() };
    await Promise.all([runDeliveryRound(deps, 't', store), runDeliveryRound(deps, 't', store)]);
    assert.equal(send.callCount, 20);
    assert.equal(new Set(send.getCalls().map((c) => c.args[1].id)).size, 20);
    assert.ok(store.deliveries.every((d) => d.state === 'sent'));
  });
});
