import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { presentPeople } from '../../bot/src/domain/presence.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startTestService } from '../support/serviceHarness.js';
import { brokenActivity, fixtureActivities } from './mutations.js';

const school = sampleSchool();
const t0 = Date.parse('2026-01-15T09:00:00Z');
const RUNS = 1_000;

/** POSTs any JSON value to the bot endpoint and returns the status. */
async function post(url: string, body: unknown): Promise<number> {
  const res = await fetch(`${url}/api/messages`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body) ?? 'null',
  });
  await res.text();
  return res.status;
}

describe('faults: 1,000 random and mutated activities', function () {
  this.timeout(120_000);
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;

  before(async () => {
    connector = await startFakeConnector();
    service = await startTestService({ staffList: school.staffList() });
    service.clock.current = t0;
  });
  after(async () => {
    await service.stop();
    await connector.stop();
  });

  const buildCases = () => {
    const fuzzLesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: 'MCMxOTpmdXp6LWxlc3Nvbg==',
      serviceUrl: connector.url,
    });
    return brokenActivity([
      ...fixtureActivities().map((a) => ({ ...a, serviceUrl: connector.url })),
      fuzzLesson.start(t0),
      fuzzLesson.join(school.teacher, t0),
      fuzzLesson.join(school.pupils[0]!, t0),
      fuzzLesson.leave(school.pupils[0]!, t0),
      fuzzLesson.end(t0),
      fuzzLesson.botAdded(t0, school.teacher),
    ]);
  };

  it('keeps serving, and a good lesson sent in between ends in the right state', async () => {
    const meetingId = 'MCMxOTpnb29kLWxlc3Nvbg==';
    const good = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
    const goodLesson = [
      good.start(t0),
      good.join(school.teacher, t0),
      good.join(school.assistant, t0),
      ...school.pupils.map((p) => good.join(p, t0 + 1_000)),
      good.leave(school.assistant, t0 + 2_000),
    ];
    const every = Math.floor(RUNS / goodLesson.length);

    const statuses = new Map<number, number>();
    let run = 0;
    await fc.assert(
      fc.asyncProperty(buildCases(), async (activity) => {
        const goodOne = run % every === 0 ? goodLesson[run / every] : undefined;
        run++;
        if (goodOne)
          assert.equal(await post(service.url, goodOne), 200, 'the good lesson is accepted between broken activities');
        const status = await post(service.url, activity);
        statuses.set(status, (statuses.get(status) ?? 0) + 1);
        assert.ok(status < 500, `answered ${status} to ${JSON.stringify(activity).slice(0, 300)}`);
      }),
      { numRuns: RUNS, seed: 20260115, endOnFailure: true },
    );
    assert.equal(run, RUNS);
    assert.ok(
      (statuses.get(200) ?? 0) > 0 && [...statuses.keys()].some((s) => s >= 400 && s < 500),
      `expected both accepted and refused activities, got ${JSON.stringify([...statuses])}`,
    );

    const health = await fetch(`${service.url}/healthz`);
    assert.equal(health.status, 200, 'no malformed activity is mistaken for a storage outage');
    const record = await service.core.meetings.load({ tenantId: school.tenantId, meetingId });
    assert.ok(record, 'the good lesson was recorded');
    const present = presentPeople(record.state)
      .map((p) => p.id)
      .sort();
    assert.deepEqual(present, [school.teacher, ...school.pupils].map((p) => p.aadObjectId).sort());
  });

  it('answers 4xx, never 5xx, to every one of the 1,000 (including a missing or non-text activity type)', async () => {
    await fc.assert(
      fc.asyncProperty(buildCases(), async (activity) => {
        const status = await post(service.url, activity);
        assert.ok(status < 500, `answered ${status} to ${JSON.stringify(activity).slice(0, 300)}`);
      }),
      { numRuns: RUNS, seed: 20260115 },
    );
  });
});
