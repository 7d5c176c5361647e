import { strict as assert } from 'node:assert';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import type { RecordedRequest } from '../support/fakeConnector.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';

const school = sampleSchool();
const SECOND = 1_000;

const isDslAlert = (r: RecordedRequest): boolean =>
  r.method === 'POST' &&
  /\/activities(\/[^/]+)?$/.test(r.decodedPath) &&
  (r.status ?? 0) < 300 &&
  /^Safeguarding alert: Pupils without an adult/.test(String((r.body as { text?: string } | undefined)?.text));
const isRosterLookup = (r: RecordedRequest): boolean => r.method === 'GET' && r.decodedPath.includes('/participants/');

/**
 * Issue 15 item 8, through the real service (Azurite, fake connector, manual clock): lessons whose
 * Teams connector stopped answering (their calls hang, as an unreachable connector's do) share the
 * sweeps with a healthy lesson. The service's own deadlines are real time, because botbuilder's
 * sockets are real; nothing here measures time: what arrived before what is read from the order
 * in which the fake connector saw requests.
 */
describe("faults: lessons isolated from each other's faults (issue 15)", function () {
  this.timeout(60_000);
  let connector: LessonHarness['connector'];
  let service: LessonHarness['service'];
  let healthy: LessonHarness['lesson'];
  let hungIds: string[];
  useLessonHarness('MCMxOTppc29sYXRpb24t', (h) => {
    ({ connector, service, lesson: healthy } = h);
    // More than the sweep runs at once (8), as when a whole region's connector stops answering.
    hungIds = Array.from({ length: 10 }, (_, n) => `${h.meetingId}-hung-${n + 1}`);
  });
  const { send } = lessonDriver(() => service);

  const lessonsOn = (meetingIds: string[]) =>
    meetingIds.map((meetingId) =>
      lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url }),
    );

  /** Each lesson starts at 09:00 with two adults and three pupils, as Teams reports it. */
  async function start(lessons: Array<LessonHarness['lesson']>): Promise<void> {
    for (const lesson of lessons) {
      const everyone = [school.teacher, school.assistant, ...school.pupils];
      for (const activity of [lesson.start(at(0)), ...everyone.map((p) => lesson.join(p, at(0)))]) await send(activity);
    }
  }

  /** Runs one sweep at `ms`; returns which of `meetingIds` Teams was asked about (roster lookups) during it. */
  async function askedDuringSweepAt(ms: number, meetingIds: string[]): Promise<string[]> {
    const before = connector.requests.length;
    service.clock.current = ms;
    await service.core.tick();
    const lookups = connector.requests.slice(before).filter(isRosterLookup);
    return meetingIds.filter((id) => lookups.some((r) => r.decodedPath.startsWith(`/v1/meetings/${id}/`)));
  }

  it("a healthy lesson's DSL alert goes out in the first sweep after its grace period, without waiting for ten lessons whose connector hangs", async () => {
    const hung = lessonsOn(hungIds);
    await start([...hung, healthy]);
    hung.forEach((lesson, i) => {
      connector.hang(hungIds[i]!);
      connector.hang(lesson.conversationId);
    });
    // Both adults leave the healthy lesson; its alert falls due just after every lesson's first roster check (09:03).
    const left = at(2) + 45 * SECOND;
    await send(healthy.leave(school.teacher, left));
    await send(healthy.leave(school.assistant, left));

    assert.deepEqual(
      await askedDuringSweepAt(left + PAST_GRACE_MS, hungIds),
      hungIds,
      "the hung lessons' roster checks were due in the same sweep",
    );
    const alerts = connector.requests.filter(isDslAlert);
    assert.equal(alerts.length, 1, 'the DSL was told in the first sweep past the grace period');
    const alertArrived = connector.requests.indexOf(alerts[0]!);
    const hungLookups = connector.held.filter((h) => isRosterLookup(h.request));
    assert.ok(hungLookups.length >= hungIds.length);
    // The sweep is over, so each hung lookup was given up at its deadline; the fake hears of it a moment later.
    while (hungLookups.some((h) => h.gaveUpAfter === undefined))
      await new Promise((resolve) => setTimeout(resolve, 10));
    for (const lookup of hungLookups) {
      assert.ok(
        alertArrived < lookup.gaveUpAfter!,
        'the alert reached Teams while the hung lookups were still waiting: it did not queue behind them',
      );
    }
  });

  it('a lesson whose Teams does not answer its roster lookups is asked after 3, then 6, then 12 minutes instead of every 3', async () => {
    const hung = hungIds.slice(0, 3);
    await start(lessonsOn(hung));
    for (const id of hung) connector.hang(`/v1/meetings/${id}/participants/`);
    const asked: Array<[string, number]> = [];
    for (let minute = 3; minute <= 24; minute += 3) {
      const lessons = await askedDuringSweepAt(at(minute) + 20 * SECOND, hung);
      if (lessons.length) asked.push([`09:${String(minute).padStart(2, '0')}`, lessons.length]);
    }
    assert.deepEqual(asked, [
      ['09:03', 3],
      ['09:09', 3],
      ['09:21', 3],
    ]);
  });
});
