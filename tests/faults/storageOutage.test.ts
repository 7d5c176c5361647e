import { strict as assert } from 'node:assert';
import { findingDeliveries } from '../../bot/src/app/delivery/delivery.js';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAzurite, type LocalAzurite } from '../../bot/src/storage/localAzurite.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { notifications, postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const MIN = 60_000;
const t0 = Date.parse('2026-01-15T09:00:00Z');
const at = (minutes: number): number => t0 + minutes * MIN;
/** Grace period of the strict preset plus one sweep interval. */
const GRACE_AND_A_SWEEP = 31_000 + 5_000;

/** 1:1 messages to the DSL accepted by Teams whose text names the rule's problem. */
function dslAlerts(connector: RunningFakeConnector, problem: RegExp): number {
  return postedMessages(connector).filter(
    (m) => m.conversation !== '' && /Safeguarding alert/.test(m.text) && problem.test(m.body),
  ).length;
}

describe('faults: Table Storage outage (Azurite really stopped, then restarted)', function () {
  this.timeout(120_000);
  let connector: RunningFakeConnector;
  let azurite: LocalAzurite;
  let location: string;

  beforeEach(async () => {
    connector = await startFakeConnector();
    location = mkdtempSync(join(tmpdir(), 'chaperone-outage-'));
    azurite = await startLocalAzurite({ location });
  });
  afterEach(async () => {
    await connector.stop();
    await azurite.stop();
  });

  async function lessonWithPupils(meetingId: string, pupils = 1, env: Record<string, string> = {}) {
    const clock = new ManualClock(at(0));
    const service = await startTestService({
      staffList: school.staffList(),
      clock,
      connectionString: azurite.connectionString,
      env,
    });
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
    for (const activity of [
      lesson.start(at(0)),
      lesson.join(school.teacher, at(0)),
      lesson.join(school.assistant, at(0)),
      ...school.pupils.slice(0, pupils).map((p) => lesson.join(p, at(1))),
    ]) {
      assert.equal(await postActivity(service.url, activity), 200);
    }
    return { service, clock, lesson, key: { tenantId: school.tenantId, meetingId } };
  }

  it('staff leave pupils alone while storage is down: the DSL alert is sent within grace + one sweep, once; after recovery the stored events are exactly those answered 200', async () => {
    const { service, clock, lesson, key } = await lessonWithPupils(`down-${Date.now()}`);
    try {
      await azurite.stop();
      const duringOutage = [lesson.leave(school.assistant, at(2)), lesson.leave(school.teacher, at(2))];
      clock.current = at(2);
      for (const activity of duringOutage)
        assert.equal(await postActivity(service.url, activity), 200, 'Teams is answered');
      clock.current = at(2) + GRACE_AND_A_SWEEP;
      await service.core.tick();
      assert.equal(
        dslAlerts(connector, /no member of staff|without an adult|unsupervised/i),
        1,
        'the DSL is alerted while storage is still down',
      );
      assert.equal((await fetch(`${service.url}/healthz`)).status, 503, 'and /healthz says degraded');

      azurite = await startLocalAzurite({ location, port: azurite.port });
      await service.core.tick();
      await service.core.tick();
      assert.equal(service.core.buffer.size, 0);
      const events = await service.core.meetings.listEvents(key);
      assert.equal(events.length, 6, 'the four events before the outage and the two answered during it');
      assert.equal(new Set(events.map((e) => e.id)).size, 6, 'none doubled');
      assert.deepEqual(
        events.slice(4).map((e) => e.kind),
        ['participantLeft', 'participantLeft'],
      );
      clock.current += 10 * MIN;
      await service.core.tick();
      assert.equal(
        dslAlerts(connector, /no member of staff|without an adult|unsupervised/i),
        1,
        'sent once, not again after recovery',
      );
      const stored = await service.core.meetings.load(key);
      const toDsl = findingDeliveries(stored?.deliveries ?? []).filter(
        (d) =>
          d.recipient.kind === 'person' && d.recipient.role === 'dsl' && d.message.finding.ruleId === 'unsupervised',
      );
      assert.deepEqual(
        toDsl.map((d) => d.state),
        ['sent'],
        'the outbox written after recovery knows it was sent',
      );
      assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
    } finally {
      await service.stop();
    }
  });

  it('a grace period stored before the outage runs out during it: the staff-pair alert still goes out from memory, once', async () => {
    const { service, clock, lesson } = await lessonWithPupils(`timer-${Date.now()}`, 2);
    try {
      clock.current = at(2);
      assert.equal(await postActivity(service.url, lesson.leave(school.assistant, at(2))), 200);
      await azurite.stop();
      clock.current = at(2) + GRACE_AND_A_SWEEP;
      await service.core.tick();
      const staffPair = () =>
        notifications(connector).filter((n) => n.rule === 'staff-pair' && n.phase === 'raised').length;
      assert.equal(staffPair(), 1, 'the teacher left alone is told while storage is down');
      azurite = await startLocalAzurite({ location, port: azurite.port });
      await service.core.tick();
      clock.current += 5 * MIN;
      await service.core.tick();
      assert.equal(staffPair(), 1, 'not again once the stored timer fires after recovery');
    } finally {
      await service.stop();
    }
  });

  it('past OUTAGE_HELD_EVENTS held events a new one is refused with a 500 and not kept; sent again after recovery, it is stored once', async () => {
    const { service, clock, lesson, key } = await lessonWithPupils(`full-${Date.now()}`, 0, {
      OUTAGE_HELD_EVENTS: '2',
    });
    try {
      await azurite.stop();
      clock.current = at(2);
      const [first, second, third] = school.pupils.map((p) => lesson.join(p, at(2)));
      assert.equal(await postActivity(service.url, first!), 200, 'held');
      assert.equal(await postActivity(service.url, second!), 200, 'held: the buffer is now full');
      assert.equal(await postActivity(service.url, third!), 500, 'refused, so Teams sends it again');
      assert.equal(service.core.buffer.size, 2, 'the refused event is not kept');

      azurite = await startLocalAzurite({ location, port: azurite.port });
      await service.core.tick();
      assert.equal(service.core.buffer.size, 0);
      assert.equal(await postActivity(service.url, third!), 200, 'the redelivery is taken');
      const events = await service.core.meetings.listEvents(key);
      assert.equal(events.length, 6, 'the three before the outage, the two held and the one sent again');
      assert.equal(new Set(events.map((e) => e.id)).size, 6, 'none doubled');
      assert.ok(
        events.some((e) => e.id === String(third!['id'])),
        'the refused event is stored after all',
      );
    } finally {
      await service.stop();
    }
  });
});
