import { strict as assert } from 'node:assert';
import { lessonActivities } from '../support/activities.js';
import { startFakeGraph } from '../support/fakeGraph.js';
import { at } from '../support/lessonHarness.js';
import { startTestService } from '../support/serviceHarness.js';
import { school, useDeployedService } from './deployedService.js';

const { teacher } = school;
const DAY_MS = 86_400_000;

/** The retention period, as deployed (see {@link useDeployedService}). */
describe('scenarios: deployed settings through the composition root (STAFF_GROUP_ID, retention)', function () {
  this.timeout(60_000);
  const { run, send, startWith } = useDeployedService(startFakeGraph, (env) => startTestService({ env }));

  describe('retention (policy retentionDays, 30 in the strict preset)', () => {
    const recordLesson = async (day: number): Promise<{ tenantId: string; meetingId: string }> => {
      const id = `retained-${day}-${Math.random().toString(36).slice(2)}`;
      const activities = lessonActivities({ tenantId: school.tenantId, meetingId: id, serviceUrl: run.connector.url });
      const start = at(0) + day * DAY_MS;
      await send(activities.start(start, { organizer: teacher }));
      await send(activities.join(teacher, start));
      await send(activities.end(start + 15 * 60_000));
      const key = { tenantId: school.tenantId, meetingId: id };
      assert.ok(await run.service!.core.meetings.load(key), `the lesson of day ${day} is stored`);
      return key;
    };
    /**
     * Whether the lesson's snapshot and every event row are gone; asked for at most about 5 s (the pass runs unawaited
     * inside `tick`).
     */
    const goneSoon = async (key: { tenantId: string; meetingId: string }): Promise<boolean> => {
      const gone = async () =>
        (await run.service!.core.meetings.load(key)) === undefined &&
        (await run.service!.core.meetings.listEvents(key)).length === 0;
      for (let tries = 0; tries < 100; tries++) {
        if (await gone()) return true;
        await new Promise((resolve) => setTimeout(resolve, 50));
      }
      return gone();
    };

    it("a lesson older than 30 days is deleted by the service's own tick; one of 25 days ago is kept", async () => {
      await startWith({});
      const old = await recordLesson(0);
      const recent = await recordLesson(25);
      run.service!.clock.current = at(0) + 31 * DAY_MS;
      await run.service!.core.tick();
      assert.ok(await goneSoon(old), 'the 31-day-old lesson is gone, snapshot and events');
      assert.ok(await run.service!.core.meetings.load(recent), 'the 6-day-old lesson is kept');
      assert.ok((await run.service!.core.meetings.listEvents(recent)).length >= 3, 'with its events');
    });
  });
});
