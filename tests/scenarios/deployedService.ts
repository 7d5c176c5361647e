import { strict as assert } from 'node:assert';
import type { MeetingRecord } from '../../bot/src/app/ports.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import type { FakeGraph } from '../support/fakeGraph.js';
import { at, lessonDriver, PAST_GRACE_MS } from '../support/lessonHarness.js';
import type { startTestService } from '../support/serviceHarness.js';

/** The school of the deployed-settings scenarios. */
export const school = sampleSchool();
const { teacher, assistant, dsl, pupils } = school;
const STAFF_GROUP = 'all-staff';
/** Graph's `checkMemberGroups` path for any user. */
export const memberPath = /^\/v1\.0\/users\/[^/]+\/checkMemberGroups$/;

type Service = Awaited<ReturnType<typeof startTestService>>;

/**
 * Settings as an operator deploys them (environment variables read by `loadConfig`), proven through the production
 * composition root: no staff file, real Table Storage, a fake Graph and Teams connector. For each test of the
 * enclosing `describe`: the fake Graph `startGraph` gives, whose directory gets the school's staff group (Mr Osei in
 * it through a nested group), and a fake connector; `startWith` starts the service with `start` and a lesson, all in
 * `run`.
 */
export function useDeployedService(
  startGraph: () => Promise<FakeGraph>,
  start: (env: Record<string, string>) => Promise<Service>,
) {
  const run = {} as {
    graph: FakeGraph;
    connector: RunningFakeConnector;
    service: Service | undefined;
    meetingId: string;
    lesson: ReturnType<typeof lessonActivities>;
  };
  const { send, advanceTo } = lessonDriver(() => run.service!);

  beforeEach(async () => {
    run.graph = await startGraph();
    run.connector = await startFakeConnector();
    for (const person of [teacher, assistant, dsl, ...pupils]) run.graph.directory.users.add(person.aadObjectId);
    // Mr Osei is staff through a nested group, as schools often organise it.
    run.graph.directory.groups.set(STAFF_GROUP, [teacher.aadObjectId, 'teaching-assistants']);
    run.graph.directory.groups.set('teaching-assistants', [assistant.aadObjectId, dsl.aadObjectId]);
  });
  afterEach(async () => {
    await run.service?.stop();
    run.service = undefined;
    await run.connector.stop();
    await run.graph.stop();
  });

  /**
   * The environment of a deployment that finds staff through the Entra group, signing in with a Graph client secret.
   */
  const staffGroupEnv = (): Record<string, string> => ({
    STAFF_GROUP_ID: STAFF_GROUP,
    ...run.graph.deploymentEnv(school.tenantId),
  });

  async function startWith(env: Record<string, string>): Promise<Service> {
    run.service = await start(env);
    run.meetingId = `deployed-${Math.random().toString(36).slice(2)}`;
    run.lesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: run.meetingId,
      serviceUrl: run.connector.url,
    });
    return run.service;
  }

  /**
   * The organizer, a second teacher (meeting role Attendee) and three pupils join; time moves past the grace period.
   */
  async function lessonWithTwoTeachers(): Promise<MeetingRecord> {
    await send(run.lesson.start(at(0), { organizer: teacher }));
    await send(run.lesson.join(teacher, at(0)));
    await send(run.lesson.join(assistant, at(0)));
    for (const pupil of pupils) await send(run.lesson.join(pupil, at(1)));
    await advanceTo(at(1) + PAST_GRACE_MS);
    const record = await run.service!.core.meetings.load({ tenantId: school.tenantId, meetingId: run.meetingId });
    assert.ok(record, 'the lesson is stored');
    return record;
  }

  const roleOf = (record: MeetingRecord, person: { aadObjectId: string }) =>
    record.state.people[person.aadObjectId]?.role;
  const staffPair = (record: MeetingRecord) =>
    Object.values(record.alerts).filter((tracked) => tracked.finding.ruleId === 'staff-pair');
  const health = async (): Promise<{ status: number; checks: Record<string, string> }> => {
    const res = await fetch(`${run.service!.url}/healthz`);
    return { status: res.status, checks: ((await res.json()) as { checks: Record<string, string> }).checks };
  };

  return { run, send, staffGroupEnv, startWith, lessonWithTwoTeachers, roleOf, staffPair, health };
}
