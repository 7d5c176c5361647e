import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { personalChatActivities } from '../../bot/src/dev/activities.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { formInput } from '../app/concerns/fixtures.js';
import { lessonActivities } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, postActivity } from '../support/serviceHarness.js';
import { PEOPLE, SCHOOL_TENANT, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

// Issue 14: "urgent concerns carry an 'I'm dealing with it' button for the DSLs ... if no DSL
// acknowledges within 5 minutes, send to the deputies list, then after 10 more minutes to the SLT list".
const MIN = 60_000;
const person = (id: string, name: string) => ({
  aadObjectId: id,
  teamsId: `29:${id}`,
  name,
  role: 'Attendee' as const,
  tenantId: SCHOOL_TENANT,
});
const DSL = person('dddddddd-0000-4000-8000-0000000000e1', 'Mrs Lead');
const DEPUTY = person('dddddddd-0000-4000-8000-0000000000e2', 'Mr Deputy');
const HEAD = person('dddddddd-0000-4000-8000-0000000000e3', 'Dr Head');

describe('scenarios: an urgent concern nobody takes goes to the deputies, then the senior leaders; taking it stops that', function () {
  this.timeout(60_000);
  let connector: RunningFakeConnector;
  let app: TabTestServer;
  let clock: ManualClock;

  beforeEach(async () => {
    connector = await startFakeConnector();
    clock = new ManualClock(Date.parse('2026-03-02T10:00:00Z'));
    app = await startTabTestServer({
      issuer: 'test',
      clock,
      staffList: {
        staff: [PEOPLE.teacherA.id],
        dsl: [DSL.aadObjectId],
        deputies: [DEPUTY.aadObjectId],
        slt: [HEAD.aadObjectId],
      },
    });
    // A lesson event tells the service where this school's Teams is (to open 1:1 chats).
    assert.equal(
      await postActivity(
        app.base,
        lessonActivities({ tenantId: SCHOOL_TENANT, meetingId: `u-${randomUUID()}`, serviceUrl: connector.url }).start(
          clock.now(),
        ),
      ),
      200,
    );
  });
  afterEach(async () => {
    await app.close();
    await connector.stop();
  });

  const alertsTo = (who: { aadObjectId: string }, ref: string) =>
    postedMessages(connector).filter(
      (m) =>
        m.conversation === personalConversationId(who.aadObjectId) &&
        m.text.includes(`New safeguarding concern ${ref}`),
    ).length;

  async function logConcern(urgency: 'urgent' | 'routine'): Promise<string> {
    const res = await fetch(`${app.base}/api/concerns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token(PEOPLE.teacherA)}`, 'content-type': 'application/json' },
      body: JSON.stringify(formInput({ clientRequestId: randomUUID(), urgency, happenedAt: clock.now() - 10 * MIN })),
    });
    assert.equal(res.status, 201);
    const { ref, toldDsls, unreachedDsls } = (await res.json()) as {
      ref: string;
      toldDsls: number;
      unreachedDsls: number;
    };
    assert.deepEqual([toldDsls, unreachedDsls], [1, 0], 'the deputies waiting their turn are not "unreached"');
    return ref;
  }

  async function at(minutes: number): Promise<void> {
    clock.current += minutes * MIN;
    await app.core.tick();
  }

  it('untaken: the deputy at 5 minutes, the senior leader 10 later, each once', async () => {
    const ref = await logConcern('urgent');
    assert.deepEqual([alertsTo(DSL, ref), alertsTo(DEPUTY, ref), alertsTo(HEAD, ref)], [1, 0, 0]);
    await at(4);
    assert.equal(alertsTo(DEPUTY, ref), 0, 'not before 5 minutes');
    await at(1.5);
    assert.deepEqual([alertsTo(DEPUTY, ref), alertsTo(HEAD, ref)], [1, 0]);
    await at(10);
    await at(1);
    assert.deepEqual([alertsTo(DSL, ref), alertsTo(DEPUTY, ref), alertsTo(HEAD, ref)], [1, 1, 1]);
  });

  it('the DSL acknowledges at 2 minutes: nobody else is sent it, and the waiting copies are withdrawn', async () => {
    const ref = await logConcern('urgent');
    clock.current += 2 * MIN;
    const chat = personalChatActivities({
      tenantId: SCHOOL_TENANT,
      serviceUrl: connector.url,
      conversationId: personalConversationId(DSL.aadObjectId),
      person: DSL,
    });
    const res = await fetch(`${app.base}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat.execute(clock.now(), 'concern.ack', { ref })),
    });
    assert.equal(res.status, 200);
    await at(6);
    await at(10);
    assert.deepEqual([alertsTo(DEPUTY, ref), alertsTo(HEAD, ref)], [0, 0]);
    const outbox = (await app.core.concerns.deliveryBook(SCHOOL_TENANT, ref).load())?.deliveries ?? [];
    const waiting = outbox.filter(
      (d) => d.recipient.kind === 'person' && d.recipient.role !== 'dsl' && d.recipient.role !== 'reporter',
    );
    assert.deepEqual(
      waiting.map((d) => d.state),
      ['withdrawn', 'withdrawn'],
    );
  });

  it('a routine concern is not escalated', async () => {
    const ref = await logConcern('routine');
    await at(6);
    await at(10);
    assert.deepEqual([alertsTo(DSL, ref), alertsTo(DEPUTY, ref), alertsTo(HEAD, ref)], [1, 0, 0]);
  });
});
