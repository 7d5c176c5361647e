import { strict as assert } from 'node:assert';
import { lessonActivities, sampleSchool } from './activities.js';
import { startFakeConnector, type RunningFakeConnector } from './fakeConnector.js';
import { postActivity, startTestService } from './serviceHarness.js';

/** What each scenario test gets: a fresh service, fake connector, lesson id and activity builder. */
export interface LessonHarness {
  connector: RunningFakeConnector;
  service: Awaited<ReturnType<typeof startTestService>>;
  meetingId: string;
  lesson: ReturnType<typeof lessonActivities>;
}

/**
 * Mocha hooks for end-to-end lesson scenarios: before each test a real service (Azurite, manual
 * clock) with the sample school's staff list, a fake Teams connector and a new lesson id, handed
 * to `receive`; all stopped after the test.
 */
export function useLessonHarness(meetingIdPrefix: string, receive: (harness: LessonHarness) => void): void {
  const school = sampleSchool();
  let current: LessonHarness | undefined;
  beforeEach(async () => {
    const connector = await startFakeConnector();
    const service = await startTestService({ staffList: school.staffList() });
    const meetingId = `${meetingIdPrefix}${Math.random().toString(36).slice(2)}`;
    current = { connector, service, meetingId, lesson: lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url }) };
    receive(current);
  });
  afterEach(async () => {
    await current?.service.stop();
    await current?.connector.stop();
  });
}

/** Sending activities as Teams would (the service's clock at each activity's time) and moving time on. */
export function lessonDriver(service: () => LessonHarness['service']) {
  return {
    async send(activity: { timestamp?: unknown }): Promise<void> {
      service().clock.current = Math.max(service().clock.current, Date.parse(String(activity.timestamp)));
      assert.equal(await postActivity(service().url, activity), 200);
    },
    async advanceTo(ms: number): Promise<void> {
      service().clock.current = ms;
      await service().core.tick();
    },
  };
}
