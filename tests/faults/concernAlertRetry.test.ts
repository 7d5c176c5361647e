import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { Participant } from '../../bot/src/domain/types.js';
import { lessonActivities } from '../support/activities.js';
import { startFakeConnector, type RecordedRequest, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, postActivity } from '../support/serviceHarness.js';
import { PEOPLE, SCHOOL_TENANT, startTabTestServer, type TabTestServer } from '../support/tabServer.js';
import { formInput } from '../app/concerns/fixtures.js';

const DSL: Participant = {
  id: 'dddddddd-0000-4000-8000-00000000c0c2',
  teamsId: '29:dsl',
  name: 'Mrs Lead',
  role: 'staff',
};

/** Concern alerts the connector accepted (2xx) for concern `ref`. */
function acceptedAlerts(connector: RunningFakeConnector, ref: string): number {
  const preview = (r: RecordedRequest) => String((r.body as { text?: string } | undefined)?.text);
  return connector.requests.filter(
    (r) =>
      r.method === 'POST' &&
      /\/activities(\/[^/]+)?$/.test(r.path) &&
      (r.status ?? 0) < 300 &&
      preview(r).includes(`New safeguarding concern ${ref}`),
  ).length;
}

describe('faults: a concern logged while Teams answers 503 (the concern outbox)', function () {
  this.timeout(90_000);
  let connector: RunningFakeConnector;
  let app: TabTestServer;
  const clock = new ManualClock(Date.now());

  before(async () => {
    connector = await startFakeConnector();
    app = await startTabTestServer({
      issuer: 'test',
      clock,
      staffList: { staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id], dsl: [DSL.id] },
    });
    // A lesson event tells the service where this school's Teams is (needed to open the DSL's 1:1 chat).
    const lesson = lessonActivities({
      tenantId: SCHOOL_TENANT,
      meetingId: `concern-retry-${Date.now()}`,
      serviceUrl: connector.url,
    });
    assert.equal(await postActivity(app.base, lesson.start(clock.now())), 200);
  });
  after(async () => {
    await app.close();
    await connector.stop();
  });

  it('issue 14: the receipt says the DSL was not reached, the alert stays pending, and once Teams is back the DSL gets it exactly once', async () => {
    // Teams answers 503 (Retry-After: 1 s, so the SDK's own retries stay short) until it recovers 90 s later.
    connector.failNext(10_000, 503, 1);
    const loggedAt = clock.now();
    const res = await fetch(`${app.base}/api/concerns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token(PEOPLE.teacherA)}`, 'content-type': 'application/json' },
      body: JSON.stringify(formInput({ clientRequestId: randomUUID(), urgency: 'urgent' })),
    });
    assert.equal(res.status, 201, 'stored');
    const answer = (await res.json()) as { ref: string; toldDsls: number; unreachedDsls: number };
    assert.deepEqual(
      [answer.toldDsls, answer.unreachedDsls],
      [0, 1],
      'the receipt never counts a DSL as told while the alert is pending',
    );
    const book = app.core.concerns.deliveryBook(SCHOOL_TENANT, answer.ref);
    const owed = (await book.load())?.deliveries ?? [];
    assert.equal(owed.length, 1);
    assert.equal(owed[0]!.state, 'pending');
    assert.match(owed[0]!.lastError ?? '', /^503/);
    assert.ok(owed[0]!.nextAttemptAt > loggedAt, 'retried later, not in a loop');

    // Still down 30 s later: the sweep tries again, Teams refuses again, the alert stays pending.
    clock.advance(30_000);
    await app.core.tick();
    const retried = (await book.load())?.deliveries[0];
    assert.deepEqual([retried?.state, (retried?.attempts ?? 0) >= 2], ['pending', true]);
    assert.equal(acceptedAlerts(connector, answer.ref), 0);

    // Teams is back 90 s after the concern was logged: the DSL gets the alert, once.
    clock.advance(60_000);
    connector.recover();
    await app.core.tick();
    assert.equal(acceptedAlerts(connector, answer.ref), 1, 'the DSL got the alert after recovery');
    const sent = (await book.load())?.deliveries[0];
    assert.equal(sent?.state, 'sent', 'recorded sent only now the connector took it');

    clock.advance(15 * 60_000);
    await app.core.tick();
    await app.core.tick();
    assert.equal(acceptedAlerts(connector, answer.ref), 1, 'exactly once');
  });
});
