import { strict as assert } from 'node:assert';
import { startService } from '../../bot/src/compose/startService.js';
import { lessonActivities } from '../support/activities.js';
import { sharedAzurite } from '../support/azurite.js';
import { at } from '../support/lessonHarness.js';
import { postActivity } from '../support/serviceHarness.js';
import { useContractService, school } from './contractService.js';
import { stallingProxy, type StallingProxy } from './stallingProxy.js';

const { teacher, pupils } = school;

/** The configuration contract, part two (see {@link useContractService}): the storage deadline. */
describe('scenarios: configuration contract through the composition root', function () {
  this.timeout(60_000);
  const { run, startWith } = useContractService((options) => startService(options));

  describe('STORAGE_TIMEOUT_MS', () => {
    let proxy: StallingProxy;
    beforeEach(async () => (proxy = await stallingProxy((await sharedAzurite()).port)));
    afterEach(() => proxy.close());

    /**
     * Teams' join event while storage accepts connections and never answers, with at most `waitMs` for the bot's
     * answer.
     */
    async function joinDuringStall(timeoutMs: string, waitMs: number): Promise<number | 'no answer'> {
      const azurite = await sharedAzurite();
      const throughProxy = azurite.connectionString.replace(`:${azurite.port}/`, `:${proxy.port}/`);
      const s = await startWith({ STORAGE_TIMEOUT_MS: timeoutMs }, { connectionString: throughProxy });
      const lesson = lessonActivities({
        tenantId: school.tenantId,
        meetingId: `stall-${Math.random().toString(36).slice(2)}`,
        serviceUrl: run.connector.url,
      });
      assert.equal(
        await postActivity(s.url, lesson.start(at(0), { organizer: teacher })),
        200,
        'storage works before the stall',
      );
      proxy.stall();
      const res = await fetch(`${s.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(lesson.join(pupils[0]!, at(1))),
        signal: AbortSignal.timeout(waitMs),
      }).catch(() => undefined);
      return res ? res.status : 'no answer';
    }

    it('a storage call past the deadline counts as an outage: the event is answered (held) and /healthz says storage is unavailable', async () => {
      assert.equal(await joinDuringStall('200', 2_500), 200);
      const health = await fetch(`${run.service!.url}/healthz`);
      assert.equal(health.status, 503);
      assert.match(
        ((await health.json()) as { checks: { storage: string } }).checks.storage,
        /^unavailable; 1 events and 0 concerns held/,
      );
    });

    it('control: with a 10 s deadline the same stalled call is still waiting after 2.5 s', async () => {
      assert.equal(await joinDuringStall('10000', 2_500), 'no answer');
      proxy.close();
    });
  });
});
