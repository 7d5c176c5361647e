import { strict as assert } from 'node:assert';
import { lessonActivities, sampleSchool, type Person } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

const t0 = Date.parse('2026-01-15T09:00:00Z');
const ODATA = "' or PartitionKey ne '";

describe('faults: hostile ids and names on their way to Table Storage', function () {
  this.timeout(30_000);
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;

  before(async () => {
    connector = await startFakeConnector();
    service = await startTestService();
  });
  after(async () => {
    await service.stop();
    await connector.stop();
  });

  it('stores OData-looking meeting ids, tenant ids and names literally and reads back only their own lesson', async () => {
    const plain = sampleSchool();
    const hostile = sampleSchool(`tenant${ODATA}`);
    const oddPupil: Person = {
      ...hostile.pupils[0]!,
      name: `Pupil${ODATA} (FAKE)`,
      aadObjectId: `b1${ODATA}`,
      teamsId: `29:${ODATA}`,
    };
    const hostileId = `MCMx${ODATA}==`;
    const plainId = 'MCMxOTpwbGFpbi1sZXNzb24=';
    const odd = lessonActivities({ tenantId: hostile.tenantId, meetingId: hostileId, serviceUrl: connector.url });
    const normal = lessonActivities({ tenantId: plain.tenantId, meetingId: plainId, serviceUrl: connector.url });
    for (const activity of [
      odd.start(t0, { title: `Maths${ODATA}` }),
      odd.join(hostile.teacher, t0),
      odd.join(oddPupil, t0),
      normal.start(t0),
      normal.join(plain.teacher, t0),
      normal.join(plain.pupils[1]!, t0),
    ]) {
      assert.equal(await postActivity(service.url, activity), 200);
    }

    const hostileKey = { tenantId: hostile.tenantId, meetingId: hostileId };
    const plainKey = { tenantId: plain.tenantId, meetingId: plainId };
    const stored = await service.core.meetings.load(hostileKey);
    assert.ok(stored);
    assert.equal(stored.state.meetingId, hostileId);
    assert.equal(stored.state.tenantId, hostile.tenantId);
    assert.equal(stored.state.title, `Maths${ODATA}`);
    assert.deepEqual(
      Object.keys(stored.state.people).sort(),
      [hostile.teacher.aadObjectId, oddPupil.aadObjectId].sort(),
    );
    assert.equal(stored.state.people[oddPupil.aadObjectId]?.name, oddPupil.name);

    const other = await service.core.meetings.load(plainKey);
    assert.deepEqual(
      Object.keys(other!.state.people).sort(),
      [plain.teacher.aadObjectId, plain.pupils[1]!.aadObjectId].sort(),
      'no one leaked in from the hostile lesson',
    );
    assert.equal((await service.core.meetings.listEvents(hostileKey)).length, 3);
    assert.equal((await service.core.meetings.listEvents(plainKey)).length, 3);
    assert.deepEqual(
      (await service.core.meetings.listMeetings(hostile.tenantId)).map((m) => m.meetingId),
      [hostileId],
      'the hostile tenant lists only its own lesson',
    );
    assert.deepEqual(
      (await service.core.meetings.listMeetings(plain.tenantId)).map((m) => m.meetingId),
      [plainId],
      'the plain tenant lists only its own lesson',
    );
    assert.equal(
      await service.core.meetings.load({ tenantId: plain.tenantId, meetingId: ODATA }),
      undefined,
      'a filter-shaped id finds nothing',
    );
  });

  it('refuses a meeting id too long for a storage key without treating it as a storage outage', async () => {
    const school = sampleSchool();
    const lesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: 'x'.repeat(30_000),
      serviceUrl: connector.url,
    });
    const status = await postActivity(service.url, lesson.join(school.pupils[0]!, t0));
    assert.equal(status, 200, 'acknowledged to Teams, which must not retry it');
    await service.core.tick();
    assert.equal(service.core.buffer.size, 0, 'nothing parked in the outage buffer');
    assert.equal((await fetch(`${service.url}/healthz`)).status, 200);
  });
});
