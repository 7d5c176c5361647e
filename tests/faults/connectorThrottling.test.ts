import { strict as assert } from 'node:assert';
import { sampleSchool } from '../support/activities.js';
import type { RunningFakeConnector } from '../support/fakeConnector.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';

const school = sampleSchool();

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
  let connector: LessonHarness['connector'];
  let service: LessonHarness['service'];
  let lesson: LessonHarness['lesson'];
  useLessonHarness('MCMxOTp0aHJvdHRsZS0', (h) => ({ connector, service, lesson } = h));
  const { send } = lessonDriver(() => service);

  /** Two staff and the pupils in a lesson, then the assistant leaves: a staff-pair alert is due 30 s later. */
  async function staffPairDue(): Promise<void> {
    for (const activity of [
      lesson.start(at(0)),
      lesson.join(school.teacher, at(0)),
      lesson.join(school.assistant, at(0)),
      ...school.pupils.map((p) => lesson.join(p, at(0))),
      lesson.leave(school.assistant, at(1)),
    ]) {
      await send(activity);
    }
    service.clock.current = at(1) + PAST_GRACE_MS;
  }

  for (const status of [429, 503]) {
    it(`seed 000 #7: the staff-pair notification is delivered exactly once after ${status} with Retry-After`, async () => {
      await staffPairDue();
      connector.failNext(2, status, 1);
      await service.core.tick();
      await service.core.tick();
      const attempts = staffPairAttempts(connector);
      assert.equal(
        attempts.filter((s) => s !== undefined && s < 300).length,
        1,
        `one delivered notification, attempts answered ${JSON.stringify(attempts)}`,
      );
      assert.deepEqual(attempts.slice(0, 2), [status, status], 'the throttled attempts were made first');
    });
  }
});
