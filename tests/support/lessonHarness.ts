import { strict as assert } from 'node:assert';
import { lessonActivities, sampleSchool } from './activities.js';
import { startFakeConnector, type RunningFakeConnector } from './fakeConnector.js';
import { postActivity, startTestService } from './serviceHarness.js';

/** The scenarios' lessons start at 09:00 on a school day (Thursday 15 January 2026, London time). */
export const LESSON_START = Date.parse('2026-01-15T09:00:00Z');

/** The moment `minutes` into a scenario's lesson. */
export function at(minutes: number): number {
  return LESSON_START + minutes * 60_000;
}

/** Just past the strict policy's 30-second grace period. */
export const PAST_GRACE_MS = 31_000;

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
    current = {
      connector,
      service,
      meetingId,
      lesson: lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url }),
    };
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
