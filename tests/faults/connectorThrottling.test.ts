import { strict as assert } from 'node:assert';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const t0 = Date.parse('2026-01-15T09:00:00Z');

/** Targeted staff-pair notifications the fake connector received, with the status it answered each. */
function staffPairAttempts(connector: RunningFakeConnector): Array<number | undefined> {
  return connector
    .requestsTo('/v1/meetings/')
    .filter((r) => r.method === 'POST')
    .filter((r) => {
      const body = r.body as { value?: { surfaces?: Array<{ content?: { value?: { url?: string } } }> } };
      const url = body.value?.surfaces?.[0]?.content?.value?.url;
      return url !== undefined && new URL(url).searchParams.get('rule') === 'staff-pair';
    })
    .map((r) => r.status);
}

describe('faults: Teams throttles or fails the alert, then recovers', function () {
  this.timeout(60_000);
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;

  beforeEach(async () => {
    connector = await startFakeConnector();
    service = await startTestService({ staffList: school.staffList() });
    service.clock.current = t0;
  });
  afterEach(async () => {
    await service.stop();
    await connector.stop();
  });

  /** Two staff and the pupils in a lesson, then the assistant leaves: a staff-pair alert is due 30 s later. */
  async function staffPairDue(): Promise<void> {
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId: `MCMxOTp0aHJvdHRsZS0${Math.random().toString(36).slice(2)}`, serviceUrl: connector.url });
    for (const activity of [lesson.start(t0), lesson.join(school.teacher, t0), lesson.join(school.assistant, t0), ...school.pupils.map((p) => lesson.join(p, t0)), lesson.leave(school.assistant, t0 + 1_000)]) {
      assert.equal(await postActivity(service.url, activity), 200);
    }
    service.clock.current = t0 + 1_000 + 31_000;
  }

  for (const status of [429, 503]) {
    it(`seed 000 #7: the staff-pair notification is delivered exactly once after ${status} with Retry-After`, async () => {
      await staffPairDue();
      connector.failNext(2, status, 1);
      await service.core.tick();
      await service.core.tick();
      const attempts = staffPairAttempts(connector);
      assert.equal(attempts.filter((s) => s !== undefined && s < 300).length, 1, `one delivered notification, attempts answered ${JSON.stringify(attempts)}`);
      assert.deepEqual(attempts.slice(0, 2), [status, status], 'the throttled attempts were made first');
    });
  }
});
