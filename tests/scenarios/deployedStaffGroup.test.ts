import { strict as assert } from 'node:assert';
import { lessonActivities } from '../support/activities.js';
import { startFakeGraph } from '../support/fakeGraph.js';
import { at } from '../support/lessonHarness.js';
import { startTestService } from '../support/serviceHarness.js';
import { memberPath, school, useDeployedService } from './deployedService.js';

const { teacher, assistant, dsl, pupils } = school;

/** Finding staff through the Entra group, as deployed (see {@link useDeployedService}). */
describe('scenarios: deployed settings through the composition root (STAFF_GROUP_ID, retention)', function () {
  this.timeout(60_000);
  const { run, send, staffGroupEnv, startWith, lessonWithTwoTeachers, roleOf, staffPair, health } = useDeployedService(
    startFakeGraph,
    (env) => startTestService({ env }),
  );

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
        run.graph.requests.some((r) => r.path === `/${school.tenantId}/oauth2/v2.0/token`),
        'signed in at the configured authority',
      );
      assert.ok(
        run.graph.batchedRequests.some((r) => memberPath.test(r.path)),
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
      assert.equal(run.graph.requests.length, 0, 'Graph is never called without the setting');
    });

    it('Graph refusing checkMemberGroups (403) for a new joiner: /healthz says staff detection is degraded, and the joiner is not staff', async () => {
      await startWith(staffGroupEnv());
      await lessonWithTwoTeachers();
      assert.equal((await health()).checks.staffDetection, 'ok');
      run.graph.script('POST', memberPath, {
        status: 403,
        body: { error: { code: 'Authorization_RequestDenied', message: 'Insufficient privileges.' } },
      });
      await send(run.lesson.join(dsl, at(2)));
      const record = await run.service!.core.meetings.load({ tenantId: school.tenantId, meetingId: run.meetingId });
      assert.equal(roleOf(record!, dsl), 'pupil', 'never staff on a guess');
      const after = await health();
      assert.equal(after.status, 503);
      assert.match(after.checks.staffDetection!, /^degraded: .*403.*User\.Read\.All and GroupMember\.Read\.All/);
    });
  });

  describe('STAFF_GROUP_CACHE_MINUTES', () => {
    /** Graph lookups of one person so far (each goes inside a `$batch`). */
    const lookupsOf = (person: { aadObjectId: string }) =>
      run.graph.batchedRequests.filter((r) => r.path === `/v1.0/users/${person.aadObjectId}/checkMemberGroups`).length;
    /** The same person joins another lesson at `atMs`. */
    const joinAnotherLesson = async (person: (typeof school)['assistant'], atMs: number): Promise<void> => {
      const other = lessonActivities({
        tenantId: school.tenantId,
        meetingId: `again-${atMs}`,
        serviceUrl: run.connector.url,
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
});
