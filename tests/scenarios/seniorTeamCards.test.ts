import { strict as assert } from 'node:assert';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import type { PolicyInput } from '../../bot/src/domain/policy/schema.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, postActivity, startTestService } from '../support/serviceHarness.js';

// Seed 000 #1: sessions are "formally timetabled and approved by SLT"; the senior team knows of them.
// The school view's morning digest and Monday report reach the senior leadership team as 1:1 cards.
const MIN = 60_000;
const school = sampleSchool();
const { person } = school;
const head = person('f1', 'Dr Head (FAKE)');
const deputyHead = person('f2', 'Mr Deputy Head (FAKE)');
/** Monday 19 January 2026 (London is on GMT). */
const MONDAY_0725 = Date.parse('2026-01-19T07:25:00Z');
/** Tuesday of the week before, 10:00. */
const LAST_TUESDAY = Date.parse('2026-01-13T10:00:00Z');
const TODAY_1030 = Date.parse('2026-01-19T10:30:00Z');
const BOTH_ON: PolicyInput = { seniorTeam: { morningDigest: true, weeklyReport: true } };

describe("scenarios: the senior team's morning digest and Monday report (seed 000 #1), as deployed", function () {
  this.timeout(60_000);
  let connector: RunningFakeConnector;
  beforeEach(async () => (connector = await startFakeConnector()));
  afterEach(async () => connector.stop());

  const cardsTo = (who: { aadObjectId: string }) =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(who.aadObjectId));

  const staffList = { ...school.staffList(), slt: [head.aadObjectId, deputyHead.aadObjectId] };
  const lastWeek = () =>
    lessonActivities({ tenantId: school.tenantId, meetingId: 'last-week', serviceUrl: connector.url });

  /** A service whose school ran a lesson last Tuesday and has one scheduled for 10:30 today. */
  async function schoolWithLessons(overrides: PolicyInput, tablePrefix?: string) {
    const clock = new ManualClock(LAST_TUESDAY);
    const policy = policyFromPreset('strict', overrides);
    const service = await startTestService({ staffList, clock, policy, ...(tablePrefix ? { tablePrefix } : {}) });
    const ran = lastWeek();
    for (const [a, at] of [
      [ran.start(LAST_TUESDAY), LAST_TUESDAY],
      [ran.join(school.teacher, LAST_TUESDAY), LAST_TUESDAY],
      [ran.join(school.assistant, LAST_TUESDAY), LAST_TUESDAY],
      [ran.join(school.pupils[0]!, LAST_TUESDAY + MIN), LAST_TUESDAY + MIN],
      [ran.end(LAST_TUESDAY + 20 * MIN), LAST_TUESDAY + 20 * MIN],
    ] as const) {
      clock.current = at;
      assert.equal(await postActivity(service.url, a), 200);
    }
    clock.current = MONDAY_0725 - 30 * MIN;
    const key = { tenantId: school.tenantId, meetingId: 'today-maths' };
    await service.core.recordLessonEvent(
      key,
      {
        kind: 'meetingDetailsLearned',
        id: 'details-today',
        at: clock.current,
        meetingType: 'Scheduled',
        title: 'Year 5 maths',
        organizerId: school.teacher.aadObjectId,
        scheduledStart: TODAY_1030,
      },
      { serviceUrl: connector.url, conversationId: '19:meeting_today@thread.v2' },
    );
    return { service, clock };
  }

  it("sends each senior leader one digest naming today's lesson and one report of last week, from 07:30, once", async () => {
    const { service, clock } = await schoolWithLessons(BOTH_ON);
    try {
      clock.current = MONDAY_0725;
      await service.core.tick();
      await service.core.idle();
      assert.deepEqual(cardsTo(head), [], 'nothing before 07:30');

      clock.current = MONDAY_0725 + 6 * MIN;
      await service.core.tick();
      await service.core.idle();
      for (const leader of [head, deputyHead]) {
        const cards = cardsTo(leader).map((m) => m.body);
        assert.equal(cards.length, 2, 'the digest and the report');
        const digest = cards.find((b) => b.includes('Live lessons today'));
        assert.ok(digest?.includes('10:30 Year 5 maths'), 'the digest names the lesson and its time');
        const report = cards.find((b) => b.includes("Last week's live lessons"));
        assert.ok(report?.includes('Lessons run: 1.'), "the report counts last week's lesson");
        assert.ok(!cards.some((b) => b.includes('Amira')), 'no pupil is named');
      }
      assert.deepEqual(cardsTo(school.teacher), [], 'only the senior team gets them');

      clock.current += 2 * MIN;
      await service.core.tick();
      await service.core.idle();
      assert.equal(cardsTo(head).length, 2, 'a later tick sends nothing again');
    } finally {
      await service.stop();
    }
  });

  it('sends nothing when the school has not turned the cards on (the default)', async () => {
    const { service, clock } = await schoolWithLessons({});
    try {
      clock.current = MONDAY_0725 + 10 * MIN;
      await service.core.tick();
      await service.core.idle();
      assert.deepEqual([...cardsTo(head), ...cardsTo(deputyHead)], []);
    } finally {
      await service.stop();
    }
  });

  it('a card Teams refused (503) is not counted as sent and goes out on a later tick', async () => {
    const { service, clock } = await schoolWithLessons({ seniorTeam: { morningDigest: true } });
    try {
      clock.current = MONDAY_0725 + 6 * MIN;
      connector.failNext(10, 503);
      await service.core.tick();
      await service.core.idle();
      assert.deepEqual(cardsTo(head), [], 'Teams took nothing');
      connector.recover();
      clock.current += 5 * MIN;
      await service.core.tick();
      await service.core.idle();
      assert.equal(cardsTo(head).length, 1, 'sent once Teams answers');
      assert.equal(cardsTo(deputyHead).length, 1);
    } finally {
      await service.stop();
    }
  });

  it('two instances on one storage account send each senior leader one digest', async () => {
    const tablePrefix = `sen${Math.random().toString(36).slice(2, 8)}`;
    const first = await schoolWithLessons({ seniorTeam: { morningDigest: true } }, tablePrefix);
    const second = await startTestService({
      staffList,
      clock: first.clock,
      policy: policyFromPreset('strict', { seniorTeam: { morningDigest: true } }),
      tablePrefix,
    });
    try {
      // The second instance has heard from the school too (it learns where Teams is from an activity).
      assert.equal(await postActivity(second.url, lastWeek().start(LAST_TUESDAY)), 200);
      first.clock.current = MONDAY_0725 + 6 * MIN;
      await Promise.all([first.service.core.tick(), second.core.tick()]);
      await Promise.all([first.service.core.idle(), second.core.idle()]);
      assert.equal(cardsTo(head).length, 1);
      assert.equal(cardsTo(deputyHead).length, 1);
    } finally {
      await Promise.all([first.service.stop(), second.stop()]);
    }
  });
});
