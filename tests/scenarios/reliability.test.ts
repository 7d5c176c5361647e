import { strict as assert } from 'node:assert';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startLocalAzurite, type LocalAzurite } from '../../bot/src/storage/localAzurite.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { notifications } from '../support/connectorReads.js';
import { ManualClock, postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const MIN = 60_000;
const t0 = Date.parse('2026-01-15T09:00:00Z');
const at = (minutes: number): number => t0 + minutes * MIN;

function staffPairAlerts(connector: RunningFakeConnector): number {
  return notifications(connector).filter((n) => n.rule === 'staff-pair' && n.phase === 'raised').length;
}

describe('scenarios: reliability (several instances, storage outages)', function () {
  this.timeout(90_000);
  let connector: RunningFakeConnector;
  beforeEach(async () => (connector = await startFakeConnector()));
  afterEach(async () => connector.stop());

  it('two service instances on one store, interleaved and duplicated events: no lost update, each alert sent once', async () => {
    const clock = new ManualClock(at(0));
    const tablePrefix = `two${Math.random().toString(36).slice(2, 8)}`;
    const a = await startTestService({ staffList: school.staffList(), clock, tablePrefix });
    const b = await startTestService({ staffList: school.staffList(), clock, tablePrefix });
    try {
      const meetingId = `shared-${Math.random().toString(36).slice(2)}`;
      const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
      const activities = [
        lesson.start(at(0)),
        lesson.join(school.teacher, at(0)),
        lesson.join(school.assistant, at(0)),
        ...school.pupils.map((p) => lesson.join(p, at(1))),
        lesson.leave(school.assistant, at(2)),
      ];
      // Every activity goes to both instances at once, as a retrying sender and a load balancer would make happen.
      for (const activity of activities) {
        const statuses = await Promise.all([postActivity(a.url, activity), postActivity(b.url, activity)]);
        assert.deepEqual(statuses, [200, 200]);
      }
      const key = { tenantId: school.tenantId, meetingId };
      const record = await a.core.meetings.load(key);
      assert.equal(Object.keys(record!.state.people).length, 5, 'nobody lost to a concurrent write');
      assert.equal((await a.core.meetings.listEvents(key)).length, activities.length, 'each activity recorded once');
      clock.current = at(2) + 31_000;
      await Promise.all([a.core.tick(), b.core.tick()]);
      await Promise.all([a.core.tick(), b.core.tick()]);
      assert.equal(staffPairAlerts(connector), 1, 'the staff-pair alert is sent by exactly one instance');
    } finally {
      await a.stop();
      await b.stop();
    }
  });

  it('storage stopped mid-lesson and restarted: alerts still go out during the outage and no event is lost', async () => {
    const location = mkdtempSync(join(tmpdir(), 'chaperone-outage-'));
    let azurite: LocalAzurite = await startLocalAzurite({ location });
    const port = azurite.port;
    const clock = new ManualClock(at(0));
    const service = await startTestService({
      staffList: school.staffList(),
      clock,
      connectionString: azurite.connectionString,
    });
    try {
      const meetingId = `outage-${Math.random().toString(36).slice(2)}`;
      const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
      for (const activity of [
        lesson.start(at(0)),
        lesson.join(school.teacher, at(0)),
        lesson.join(school.assistant, at(0)),
        lesson.join(school.pupils[0]!, at(1)),
      ]) {
        assert.equal(await postActivity(service.url, activity), 200);
      }
      await azurite.stop();
      const duringOutage = [
        lesson.join(school.pupils[1]!, at(2)),
        lesson.leave(school.assistant, at(3)),
        lesson.join(school.pupils[2]!, at(3)),
      ];
      for (const activity of duringOutage)
        assert.equal(await postActivity(service.url, activity), 200, 'the bot keeps answering Teams');
      clock.current = at(3) + 31_000;
      await service.core.tick();
      assert.equal(service.core.buffer.size, 3, 'events wait in memory');
      const health = await fetch(`${service.url}/healthz`);
      assert.equal(health.status, 503);

      azurite = await startLocalAzurite({ location, port });
      await service.core.tick();
      assert.equal(
        service.core.buffer.size,
        0,
        JSON.stringify((service.logger as unknown as { lines: unknown[] }).lines.slice(-5)),
      );
      const key = { tenantId: school.tenantId, meetingId };
      assert.equal((await service.core.meetings.listEvents(key)).length, 7, 'every event written once storage is back');
      const record = await service.core.meetings.load(key);
      assert.equal(Object.keys(record!.state.people).length, 5);
      assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
    } finally {
      await service.stop();
      await azurite.stop();
    }
  });
});
