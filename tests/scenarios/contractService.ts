import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { startService } from '../../bot/src/compose/startService.js';
import { loadConfig } from '../../bot/src/config.js';
import { personalChatActivities } from '../../bot/src/dev/activities.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { at, LESSON_START } from '../support/lessonHarness.js';
import { ManualClock, memoryLogger, postActivity, scratchDataDir } from '../support/serviceHarness.js';

/** The school of the configuration contract tests. */
export const school = sampleSchool();
const { teacher, assistant, pupils } = school;
/** The service as the composition root started it, with the test's clock. */
export type Service = Awaited<ReturnType<typeof startService>> & { clock: ManualClock };

/**
 * The configuration contract, part two: each setting read by `loadConfig`, and what an operator would see change.
 * Its harness for the enclosing `describe`: a fake Teams connector for each test, and the composition root `start`
 * (`startService`, with no policy, staff list or sweep switch of a test's own) started from those settings. The
 * service a test started is stopped after it unless the test set `run.service` back to undefined. Settings `main.ts`
 * reads (storage, mode, logging) are in configContractProcess.test.ts; the table of every README setting is in
 * configContract.test.ts.
 */
export function useContractService(start: typeof startService) {
  const run: { connector: RunningFakeConnector; service: Service | undefined } = {
    connector: undefined as unknown as RunningFakeConnector,
    service: undefined,
  };
  const dir = mkdtempSync(join(tmpdir(), 'chaperone-contract-'));
  const staffFile = join(dir, 'staff.json');
  writeFileSync(staffFile, JSON.stringify({ staff: [teacher.aadObjectId, assistant.aadObjectId], dsl: [] }));

  beforeEach(async () => (run.connector = await startFakeConnector()));
  afterEach(async () => {
    await run.service?.stop();
    run.service = undefined;
    await run.connector.stop();
  });

  async function startWith(
    env: Record<string, string>,
    options: { sweep?: boolean; connectionString?: string } = {},
  ): Promise<Service> {
    const clock = new ManualClock(LESSON_START);
    // Each service journals held events in a scratch folder of its own, never the repository's `.data/` (the default).
    const config = loadConfig({
      PORT: '0',
      HOST: '127.0.0.1',
      LOG_LEVEL: 'silent',
      DATA_DIR: scratchDataDir(),
      ...env,
    });
    const storage = {
      connectionString: options.connectionString ?? (await sharedAzurite()).connectionString,
      tablePrefix: uniqueTableName('cc'),
    };
    run.service = {
      ...(await start({ config, storage, logger: memoryLogger(), clock, sweep: options.sweep ?? false })),
      clock,
    };
    return run.service;
  }

  /** The organizer and a second teacher (meeting role Attendee) with three pupils; returns the lesson's key. */
  async function lessonOfTwoTeachers(s: Service): Promise<{ tenantId: string; meetingId: string }> {
    const meetingId = `contract-${Math.random().toString(36).slice(2)}`;
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: run.connector.url });
    const joins = [teacher, assistant, ...pupils].map((person) => lesson.join(person, at(0)));
    for (const activity of [lesson.start(at(0), { organizer: teacher }), ...joins]) {
      assert.equal(await postActivity(s.url, activity), 200);
    }
    return { tenantId: school.tenantId, meetingId };
  }
  const staffPairRaised = async (s: Service, key: { tenantId: string; meetingId: string }): Promise<boolean> =>
    Object.values((await s.core.meetings.load(key))?.alerts ?? {}).some(
      (a) => a.finding.ruleId === 'staff-pair' && a.raisedAt !== undefined,
    );

  /** What the bot answers a member of staff who types `policy` in a 1:1 chat. */
  async function policyReply(s: Service): Promise<string> {
    const conversationId = `a:contract-${Math.random().toString(36).slice(2)}`;
    const chat = personalChatActivities({
      tenantId: school.tenantId,
      serviceUrl: run.connector.url,
      conversationId,
      person: teacher,
    });
    assert.equal(await postActivity(s.url, chat.message(at(0), 'policy')), 200);
    return JSON.stringify(
      run.connector.requestsTo(`/v3/conversations/${conversationId}/activities`).map((r) => r.body),
    );
  }

  return { run, dir, staffFile, startWith, lessonOfTwoTeachers, staffPairRaised, policyReply };
}
