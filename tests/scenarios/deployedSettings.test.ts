import { strict as assert } from 'node:assert';
import type { MeetingRecord } from '../../bot/src/app/ports.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { at, lessonDriver, PAST_GRACE_MS } from '../support/lessonHarness.js';
import { startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const { teacher, assistant, dsl, pupils } = school;
const STAFF_GROUP = 'all-staff';
const DAY_MS = 86_400_000;
const memberPath = /^\/v1\.0\/users\/[^/]+\/checkMemberGroups$/;

type Service = Awaited<ReturnType<typeof startTestService>>;

/**
 * Settings as an operator deploys them (environment variables read by `loadConfig`), proven through
 * the production composition root: no staff file, real Table Storage, a fake Graph and Teams connector.
 */
describe('scenarios: deployed settings through the composition root (STAFF_GROUP_ID, retention)', function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  let connector: RunningFakeConnector;
  let service: Service | undefined;
  let meetingId: string;
  let lesson: ReturnType<typeof lessonActivities>;
  const { send, advanceTo } = lessonDriver(() => service!);

  beforeEach(async () => {
    graph = await startFakeGraph();
    connector = await startFakeConnector();
    for (const person of [teacher, assistant, dsl, ...pupils]) graph.directory.users.add(person.aadObjectId);
    // Mr Osei is staff through a nested group, as schools often organise it.
    graph.directory.groups.set(STAFF_GROUP, [teacher.aadObjectId, 'teaching-assistants']);
    graph.directory.groups.set('teaching-assistants', [assistant.aadObjectId, dsl.aadObjectId]);
  });
  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await connector.stop();
    await graph.stop();
  });

  /**
   * The environment of a deployment that finds staff through the Entra group, signing in with a Graph client secret.
   */
  const staffGroupEnv = (): Record<string, string> => ({
    STAFF_GROUP_ID: STAFF_GROUP,
    ...graph.deploymentEnv(school.tenantId),
  });

  async function startWith(env: Record<string, string>): Promise<Service> {
    service = await startTestService({ env });
    meetingId = `deployed-${Math.random().toString(36).slice(2)}`;
    lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
    return service;
  }

  /**
   * The organizer, a second teacher (meeting role Attendee) and three pupils join; time moves past the grace period.
   */
  async function lessonWithTwoTeachers(): Promise<MeetingRecord> {
    await send(lesson.start(at(0), { organizer: teacher }));
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(assistant, at(0)));
    for (const pupil of pupils) await send(lesson.join(pupil, at(1)));
    await advanceTo(at(1) + PAST_GRACE_MS);
    const record = await service!.core.meetings.load({ tenantId: school.tenantId, meetingId });
    assert.ok(record, 'the lesson is stored');
    return record;
  }

  const roleOf = (record: MeetingRecord, person: { aadObjectId: string }) =>
    record.state.people[person.aadObjectId]?.role;
  const staffPair = (record: MeetingRecord) =>
    Object.values(record.alerts).filter((tracked) => tracked.finding.ruleId === 'staff-pair');
  const health = async (): Promise<{ status: number; checks: Record<string, string> }> => {
    const res = await fetch(`${service!.url}/healthz`);
    return { status: res.status, checks: ((await res.json()) as { checks: Record<string, string> }).checks };
  };

  describe('STAFF_GROUP_ID', () => {
    it('with the staff group and no staff file, the second teacher is staff, pupils are pupils, and no staff-pair finding is raised', async () => {
      await startWith(staffGroupEnv());
      const record = await lessonWithTwoTeachers();
      assert.equal(roleOf(record, teacher), 'staff');
      assert.equal(
        roleOf(record, assistant),
        'staff',
        'a member of the (nested) staff group is staff without being the organizer',
      );
      for (const pupil of pupils) assert.equal(roleOf(record, pupil), 'pupil');
      assert.deepEqual(staffPair(record), []);
      assert.ok(
        graph.requests.some((r) => r.path === `/${school.tenantId}/oauth2/v2.0/token`),
        'signed in at the configured authority',
      );
      assert.ok(
        graph.batchedRequests.some((r) => memberPath.test(r.path)),
        'the group was asked through Graph',
      );
      assert.deepEqual(await health(), {
        status: 200,
        checks: {
          storage: 'ok',
          delivery: 'ok',
          staffDetection: 'ok',
          meetingSettings: 'off (GRAPH_ENFORCE_SETTINGS=false): lesson meeting options are not checked',
        },
      });
    });

    it('control: the same lesson without STAFF_GROUP_ID counts the second teacher as a pupil and raises staff-pair', async () => {
      await startWith({});
      const record = await lessonWithTwoTeachers();
      assert.equal(roleOf(record, teacher), 'staff', 'the organizer rule stands in when nothing else can say');
      assert.equal(roleOf(record, assistant), 'pupil');
      const raised = staffPair(record);
      assert.equal(raised.length, 1);
      assert.ok(raised[0]!.raisedAt !== undefined, 'raised after the grace period');
      assert.equal(graph.requests.length, 0, 'Graph is never called without the setting');
    });

    it('Graph refusing checkMemberGroups (403) for a new joiner: /healthz says staff detection is degraded, and the joiner is not staff', async () => {
      await startWith(staffGroupEnv());
      await lessonWithTwoTeachers();
      assert.equal((await health()).checks.staffDetection, 'ok');
      graph.script('POST', memberPath, {
        status: 403,
        body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
      });
      await send(lesson.join(dsl, at(2)));
      const record = await service!.core.meetings.load({ tenantId: school.tenantId, meetingId });
      assert.equal(roleOf(record!, dsl), 'pupil', 'never staff on a guess');
      const after = await health();
      assert.equal(after.status, 503);
      assert.match(after.checks.staffDetection!, /^degraded: .*403.*User\.Read\.All and GroupMember\.Read\.All/);
    });
  });

  describe('STAFF_GROUP_CACHE_MINUTES', () => {
    /** Graph lookups of one person so far (each goes inside a `$batch`). */
    const lookupsOf = (person: { aadObjectId: string }) =>
      graph.batchedRequests.filter((r) => r.path === `/v1.0/users/${person.aadObjectId}/checkMemberGroups`).length;
    /** The same person joins another lesson at `atMs`. */
    const joinAnotherLesson = async (person: (typeof school)['assistant'], atMs: number): Promise<void> => {
      const other = lessonActivities({
        tenantId: school.tenantId,
        meetingId: `again-${atMs}`,
        serviceUrl: connector.url,
      });
      await send(other.start(atMs, { organizer: teacher }));
      await send(other.join(person, atMs));
    };

    it('an answer is reused for the configured minutes (no Graph call), and asked again once they have passed', async () => {
      await startWith({ ...staffGroupEnv(), STAFF_GROUP_CACHE_MINUTES: '5' });
      await lessonWithTwoTeachers();
      assert.equal(lookupsOf(assistant), 1);
      await joinAnotherLesson(assistant, at(4));
      assert.equal(lookupsOf(assistant), 1, 'within 5 minutes of the answer: reused');
      await joinAnotherLesson(assistant, at(7));
      assert.equal(lookupsOf(assistant), 2, 'past 5 minutes: Graph is asked again');
    });
  });

  describe('retention (policy retentionDays, 30 in the strict preset)', () => {
    const recordLesson = async (day: number): Promise<{ tenantId: string; meetingId: string }> => {
      const id = `retained-${day}-${Math.random().toString(36).slice(2)}`;
      const activities = lessonActivities({ tenantId: school.tenantId, meetingId: id, serviceUrl: connector.url });
      const start = at(0) + day * DAY_MS;
      await send(activities.start(start, { organizer: teacher }));
      await send(activities.join(teacher, start));
      await send(activities.end(start + 15 * 60_000));
      const key = { tenantId: school.tenantId, meetingId: id };
      assert.ok(await service!.core.meetings.load(key), `the lesson of day ${day} is stored`);
      return key;
    };
    /**
     * Whether the lesson's snapshot and every event row are gone; asked for at most about 5 s (the pass runs unawaited
     * inside `tick`).
     */
    const goneSoon = async (key: { tenantId: string; meetingId: string }): Promise<boolean> => {
      const gone = async () =>
        (await service!.core.meetings.load(key)) === undefined &&
        (await service!.core.meetings.listEvents(key)).length === 0;
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
      service!.clock.current = at(0) + 31 * DAY_MS;
      await service!.core.tick();
      assert.ok(await goneSoon(old), 'the 31-day-old lesson is gone, snapshot and events');
      assert.ok(await service!.core.meetings.load(recent), 'the 6-day-old lesson is kept');
      assert.ok((await service!.core.meetings.listEvents(recent)).length >= 3, 'with its events');
    });
  });
});
