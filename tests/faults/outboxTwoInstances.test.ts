import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import {
  findingDeliveries,
  type Delivery,
  type DeliverySender,
  type FindingMessage,
} from '../../bot/src/app/delivery/delivery.js';
import { DELIVER_REASON } from '../../bot/src/app/delivery/lessonDeliveries.js';
import { createStorageTables } from '../../bot/src/storage/tableClients.js';
import { TableTimerStore } from '../../bot/src/storage/tableTimerStore.js';
import { lessonActivities, sampleSchool, type Person } from '../support/activities.js';
import { sharedAzurite } from '../support/azurite.js';
import { startFakeConnector, type RecordedRequest, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, postActivity, startTestService } from '../support/serviceHarness.js';

type Service = Awaited<ReturnType<typeof startTestService>>;

const school = sampleSchool();
const at = (minutes: number): number => Date.parse('2026-01-15T09:00:00Z') + minutes * 60_000;
const PAST_GRACE_MS = 31_000;
const person = (n: number, name: string, role: Person['role']): Person => {
  const hex = n.toString(16).padStart(12, '0');
  return {
    aadObjectId: `00000000-0000-4000-8000-${hex}`,
    teamsId: `29:1fake-${hex}`,
    name,
    role,
    tenantId: school.tenantId,
  };
};
// Each lesson has its own organizer, so an organizer's 1:1 chat names one lesson.
const organizers = Array.from({ length: 50 }, (_, i) => person(0x100 + i, `Teacher ${i} (FAKE)`, 'Organizer'));
// Three DSLs: with the organizer's card (the findings of one moment are one card) each lesson owes four critical
// messages.
const dsls = [
  person(0xd1, 'DSL One (FAKE)', 'Attendee'),
  person(0xd2, 'DSL Two (FAKE)', 'Attendee'),
  person(0xd3, 'DSL Three (FAKE)', 'Attendee'),
];
const staffList = {
  staff: [...organizers.map((p) => p.aadObjectId), school.assistant.aadObjectId],
  dsl: dsls.map((p) => p.aadObjectId),
};

/** Lesson `i`: its organizer, an assistant and two pupils join; at minute 1 both adults leave the pupils alone. */
function lessonOf(connector: RunningFakeConnector, i: number) {
  const meetingId = `two-${i}-${Math.random().toString(36).slice(2, 10)}`;
  const activities = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
  const organizer = organizers[i]!;
  return {
    key: { tenantId: school.tenantId, meetingId },
    organizer,
    opening: [
      activities.start(at(0), { organizer, title: `Lesson ${i}` }),
      ...[organizer, school.assistant, ...school.pupils.slice(0, 2)].map((p) => activities.join(p, at(0))),
    ],
    adultsLeave: [activities.leave(organizer, at(1)), activities.leave(school.assistant, at(1))],
  };
}
type Lesson = ReturnType<typeof lessonOf>;

/** Posts each lesson's activities in order, lessons side by side, alternately to the instances given. */
async function post(services: Service[], lessons: Lesson[], pick: (l: Lesson) => object[]): Promise<void> {
  await Promise.all(
    lessons.map(async (lesson, i) => {
      for (const activity of pick(lesson))
        assert.equal(await postActivity(services[i % services.length]!.url, activity), 200);
    }),
  );
}

async function outbox(service: Service, lessons: Lesson[]): Promise<Delivery<FindingMessage>[]> {
  return findingDeliveries(
    (await Promise.all(lessons.map(async (l) => (await service.core.meetings.load(l.key))?.deliveries ?? []))).flat(),
  );
}

/** The same sends as {@link sendKey} names them, for a delivery of the outbox: recipient, lesson, rule, phase. */
function deliveryKey(d: Delivery<FindingMessage>): string {
  const to =
    d.recipient.kind === 'person'
      ? `a:dev-1to1-${d.recipient.aadObjectId}`
      : `meeting:${[...d.recipient.teamsIds].sort().join(',')}`;
  return `${to}|${d.message.meeting.key.meetingId}|${d.message.finding.ruleId}|${d.message.phase}`;
}

/** What one request the connector accepted (2xx) delivered, read from the wire; undefined for other requests. */
function sendKey(request: RecordedRequest, lessons: Lesson[], ruleOfText: Map<string, string>): string | undefined {
  if (request.method !== 'POST' || !request.status || request.status >= 300) return undefined;
  const notification = /^\/v1\/meetings\/([^/]+)\/notification$/.exec(request.decodedPath);
  if (notification) {
    const { value } = request.body as {
      value: { recipients: string[]; surfaces: Array<{ content: { value: { url: string } } }> };
    };
    const url = new URL(value.surfaces[0]!.content.value.url);
    return `meeting:${[...value.recipients].sort().join(',')}|${notification[1]}|${url.searchParams.get('rule')}|${url.searchParams.get('phase')}`;
  }
  const chat = /^\/v3\/conversations\/(a:dev-1to1-[^/]+)\/activities(?:\/[^/]+)?$/.exec(request.decodedPath)?.[1];
  if (!chat) return undefined;
  // A DSL's card links to the lesson's alert page; the organizer's card is a title the lesson's rule wrote.
  const link = /meetingId=([^&"]+)&rule=([^&"]+)&phase=([a-z]+)/.exec(JSON.stringify(request.body));
  if (link) return `${chat}|${decodeURIComponent(link[1]!)}|${link[2]}|${link[3]}`;
  const text = (request.body as { text?: string }).text ?? '';
  const phase = text.startsWith('Ended: ') ? 'cleared' : 'raised';
  return `${chat}|${lessons.find((l) => chat.endsWith(l.organizer.aadObjectId))?.key.meetingId}|${ruleOfText.get(text.replace(/^Ended: /, ''))}|${phase}`;
}

/** How many times the connector accepted each send. */
function acceptedSends(
  connector: RunningFakeConnector,
  lessons: Lesson[],
  deliveries: Delivery<FindingMessage>[],
): Map<string, number> {
  const ruleOfText = new Map(deliveries.map((d) => [d.message.finding.message, d.message.finding.ruleId]));
  const counts = new Map<string, number>();
  for (const request of connector.requests) {
    const key = sendKey(request, lessons, ruleOfText);
    if (key) counts.set(key, (counts.get(key) ?? 0) + 1);
  }
  return counts;
}

/**
 * Watches an instance's delivery sender (the port its delivery worker calls): which deliveries it tried, and which it
 * sent.
 */
function watchSender(service: Service) {
  const send = sinon.spy(service.core.teams.sender as DeliverySender, 'send');
  const outcome = (call: (typeof send)['firstCall']) =>
    call.returnValue
      .then(
        () => true,
        () => false,
      )
      .then((ok) => ({ id: call.args[1].id, ok }));
  const settled = async () => Promise.all(send.getCalls().map(outcome));
  return {
    tried: () => send.getCalls().map((call) => call.args[1].id),
    sent: async () => (await settled()).filter((s) => s.ok).map((s) => s.id),
    settled,
    forget: () => send.resetHistory(),
  };
}

/**
 * Every delivery sent exactly once: on the wire, by the senders of the two instances, with the activity id Teams gave
 * it.
 */
async function assertEachSentOnce(
  connector: RunningFakeConnector,
  lessons: Lesson[],
  deliveries: Delivery<FindingMessage>[],
  senders: Array<ReturnType<typeof watchSender>>,
) {
  const states = deliveries.reduce<Record<string, number>>((n, d) => ({ ...n, [d.state]: (n[d.state] ?? 0) + 1 }), {});
  assert.deepEqual(states, { sent: deliveries.length }, 'nothing left pending, failed or withdrawn');
  const accepted = acceptedSends(connector, lessons, deliveries);
  const duplicates = [...accepted].filter(([, n]) => n > 1);
  assert.deepEqual(duplicates, [], 'no message accepted twice by Teams');
  assert.deepEqual(
    [...accepted.keys()].sort(),
    deliveries.map(deliveryKey).sort(),
    'Teams accepted exactly the messages the outbox holds',
  );
  // Ids are unique within a lesson's outbox; the lessons' 1:1 cards (checklist reminders) are left out here.
  const ids = new Set(deliveries.map((d) => d.id));
  const sentBy = (await Promise.all(senders.map((s) => s.sent())))
    .flat()
    .filter((id) => ids.has(id))
    .sort();
  assert.deepEqual(sentBy, deliveries.map((d) => d.id).sort(), 'each delivery sent by one instance, once');
  const answered = new Map(
    connector.requests.filter((r) => r.activityId && r.status === 201).map((r) => [r.activityId!, r]),
  );
  for (const d of deliveries.filter((x) => x.recipient.kind === 'person')) {
    const request = answered.get(d.activityId ?? '');
    assert.ok(request, `delivery ${d.id} keeps the id of an activity Teams created`);
    assert.equal(
      sendKey(request, lessons, new Map([[d.message.finding.message, d.message.finding.ruleId]])),
      deliveryKey(d),
    );
  }
}

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
