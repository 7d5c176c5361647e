import { strict as assert } from 'node:assert';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, connect, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startService } from '../../bot/src/compose/startService.js';
import { loadConfig } from '../../bot/src/config.js';
import { personalChatActivities } from '../../bot/src/dev/activities.js';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { lessonRecordLink } from '../../bot/src/teams/alerts/recordLink.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { at, LESSON_START, PAST_GRACE_MS } from '../support/lessonHarness.js';
import { ManualClock, memoryLogger, postActivity } from '../support/serviceHarness.js';

const school = sampleSchool();
const { teacher, assistant, pupils } = school;
type Service = Awaited<ReturnType<typeof startService>> & { clock: ManualClock };

/**
 * The configuration contract, part two: each setting read by `loadConfig` and given to the production
 * composition root (`startService`, with no policy, staff list or sweep switch of a test's own), and
 * what an operator would see change. Settings `main.ts` reads (storage, mode, logging) are in
 * configContractProcess.test.ts; the table of every README setting is in configContract.test.ts.
 */
describe('scenarios: configuration contract through the composition root', function () {
  this.timeout(60_000);
  let connector: RunningFakeConnector;
  let service: Service | undefined;
  const dir = mkdtempSync(join(tmpdir(), 'chaperone-contract-'));
  const staffFile = join(dir, 'staff.json');
  writeFileSync(staffFile, JSON.stringify({ staff: [teacher.aadObjectId, assistant.aadObjectId], dsl: [] }));

  beforeEach(async () => (connector = await startFakeConnector()));
  afterEach(async () => {
    await service?.stop();
    service = undefined;
    await connector.stop();
  });

  async function startWith(
    env: Record<string, string>,
    options: { sweep?: boolean; connectionString?: string } = {},
  ): Promise<Service> {
    const clock = new ManualClock(LESSON_START);
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', ...env });
    const storage = {
      connectionString: options.connectionString ?? (await sharedAzurite()).connectionString,
      tablePrefix: uniqueTableName('cc'),
    };
    service = {
      ...(await startService({ config, storage, logger: memoryLogger(), clock, sweep: options.sweep ?? false })),
      clock,
    };
    return service;
  }

  /** The organizer and a second teacher (meeting role Attendee) with three pupils; returns the lesson's key. */
  async function lessonOfTwoTeachers(s: Service): Promise<{ tenantId: string; meetingId: string }> {
    const meetingId = `contract-${Math.random().toString(36).slice(2)}`;
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
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
      serviceUrl: connector.url,
      conversationId,
      person: teacher,
    });
    assert.equal(await postActivity(s.url, chat.message(at(0), 'policy')), 200);
    return JSON.stringify(connector.requestsTo(`/v3/conversations/${conversationId}/activities`).map((r) => r.body));
  }

  it('PORT and HOST: the service listens on that address and port, and not on another local address', async () => {
    const port = await freePort();
    await startWith({ PORT: String(port), HOST: '127.0.0.2' });
    const health = (await (await fetch(`http://127.0.0.2:${port}/healthz`)).json()) as { checks?: object };
    assert.ok(health.checks, "the service's own health document answers there");
    await assert.rejects(
      fetch(`http://127.0.0.1:${port}/healthz`),
      'nothing listens on 127.0.0.1 when HOST is 127.0.0.2',
    );
  });

  it('POLICY_PRESET: the policy in force is the named preset (the `policy` command says so); unset, it is strict', async () => {
    assert.match(
      await policyReply(await startWith({ STAFF_DIRECTORY_FILE: staffFile, POLICY_PRESET: 'goodmayes' })),
      /based on the \\"goodmayes\\" preset/,
    );
    await service!.stop();
    assert.match(
      await policyReply(await startWith({ STAFF_DIRECTORY_FILE: staffFile })),
      /based on the \\"strict\\" preset/,
    );
  });

  it("POLICY_FILE: a YAML file's preset and overrides are the policy in force", async () => {
    const file = join(dir, 'policy.yaml');
    writeFileSync(file, 'preset: roche\nschool:\n  name: Contract Test Academy\nretentionDays: 17\n');
    const reply = await policyReply(await startWith({ STAFF_DIRECTORY_FILE: staffFile, POLICY_FILE: file }));
    assert.match(reply, /Live lesson policy of Contract Test Academy\*\* \(based on the \\"roche\\" preset\)/);
    assert.match(reply, /kept for 17 days/);
  });

  it('STAFF_DIRECTORY_FILE: a second teacher on the list is staff; without the file she counts as a pupil', async () => {
    const withFile = await startWith({ STAFF_DIRECTORY_FILE: staffFile });
    const key = await lessonOfTwoTeachers(withFile);
    assert.equal((await withFile.core.meetings.load(key))?.state.people[assistant.aadObjectId]?.role, 'staff');
    await withFile.stop();
    const without = await startWith({});
    const other = await lessonOfTwoTeachers(without);
    assert.equal((await without.core.meetings.load(other))?.state.people[assistant.aadObjectId]?.role, 'pupil');
  });

  it('TAB_DOMAIN: the link in a staff alert opens the side panel on that host; unset, on localhost', async () => {
    const alertLinks = async (env: Record<string, string>): Promise<string[]> => {
      connector.clear();
      const s = await startWith(env);
      await lessonOfTwoTeachers(s);
      s.clock.current = at(0) + PAST_GRACE_MS;
      await s.core.tick();
      await s.stop();
      return Array.from(
        JSON.stringify(connector.requests).matchAll(/https?:\/\/[^"\\]+\/tab\/index\.html\?context=alert/g),
        (m) => m[0],
      );
    };
    const deployed = await alertLinks({ TAB_DOMAIN: 'chaperone.school.example' });
    assert.ok(deployed.length > 0, 'an alert with a link was sent');
    assert.ok(
      deployed.every((link) => link.startsWith('https://chaperone.school.example/tab/index.html?')),
      deployed.join('\n'),
    );
    const local = await alertLinks({});
    assert.ok(local.length > 0 && local.every((link) => link.startsWith('http://localhost:')), local.join('\n'));
    service = undefined;
  });

  it('TEAMS_APP_ID: the DSL card\'s "Open the lesson record" opens the record tab in Teams; unset, the lesson\'s alert page', async () => {
    const withDsl = join(dir, 'staff-and-dsl.json');
    writeFileSync(
      withDsl,
      JSON.stringify({ staff: [teacher.aadObjectId, assistant.aadObjectId], dsl: [school.dsl.aadObjectId] }),
    );
    const recordLinks = async (env: Record<string, string>): Promise<{ links: string[]; meetingId: string }> => {
      connector.clear();
      const s = await startWith({ STAFF_DIRECTORY_FILE: withDsl, ...env });
      const key = await lessonOfTwoTeachers(s);
      const lesson = lessonActivities({
        tenantId: school.tenantId,
        meetingId: key.meetingId,
        serviceUrl: connector.url,
      });
      for (const person of [teacher, assistant])
        assert.equal(await postActivity(s.url, lesson.leave(person, at(1))), 200);
      s.clock.current = at(1) + PAST_GRACE_MS;
      await s.core.tick();
      await s.stop();
      service = undefined;
      const toDsl = connector.requests.filter(
        (r) => r.decodedPath.includes(school.dsl.aadObjectId) && r.method === 'POST',
      );
      const actions = toDsl
        .flatMap(
          (r) =>
            (r.body as { attachments?: Array<{ content: { actions?: Array<{ title: string; url?: string }> } }> })
              .attachments ?? [],
        )
        .flatMap((a) => a.content.actions ?? [])
        .filter((a) => a.title === 'Open the lesson record');
      return { links: actions.map((a) => a.url ?? ''), meetingId: key.meetingId };
    };
    const appId = '3f2a6c1e-0000-4000-8000-00000000c0a1';
    const inTeams = await recordLinks({ TEAMS_APP_ID: appId });
    assert.ok(inTeams.links.length > 0, 'the DSL got an alert card');
    assert.deepEqual(
      inTeams.links,
      inTeams.links.map(() => lessonRecordLink(appId, inTeams.meetingId)),
    );
    const unset = await recordLinks({});
    assert.ok(
      unset.links.length > 0 && unset.links.every((link) => /\/tab\/index\.html\?context=alert/.test(link)),
      unset.links.join('\n'),
    );
    assert.throws(() => loadConfig({ TEAMS_APP_ID: 'not-an-app-id' }), /TEAMS_APP_ID is not a Teams app id/);
  });

  it("SWEEP_INTERVAL_MS: with the service's own sweep, a due grace-period timer fires without anyone calling tick", async () => {
    const s = await startWith({ SWEEP_INTERVAL_MS: '100' }, { sweep: true });
    const key = await lessonOfTwoTeachers(s);
    assert.equal(await staffPairRaised(s, key), false, 'not raised before the grace period');
    s.clock.current = at(0) + PAST_GRACE_MS;
    // Well inside the 5 s default interval: only the configured 100 ms sweep can have fired it.
    for (let i = 0; i < 30 && !(await staffPairRaised(s, key)); i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.equal(await staffPairRaised(s, key), true);
  });

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
        serviceUrl: connector.url,
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
      const health = await fetch(`${service!.url}/healthz`);
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

/** A TCP proxy to Azurite that, once stalled, keeps every connection open and never answers again. */
interface StallingProxy {
  port: number;
  stall(): void;
  close(): Promise<void>;
}

async function stallingProxy(targetPort: number): Promise<StallingProxy> {
  let stalled = false;
  const sockets = new Set<Socket>();
  const server: Server = createServer((client) => {
    const upstream = connect(targetPort, '127.0.0.1');
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('error', () => s.destroy());
    }
    client.on('data', (chunk) => void (stalled || upstream.write(chunk)));
    upstream.on('data', (chunk) => void (stalled || client.write(chunk)));
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => stalled || client.destroy());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    port,
    stall: () => void (stalled = true),
    close: () => {
      for (const s of sockets) s.destroy();
      return new Promise((resolve) => (server.listening ? server.close(() => resolve()) : resolve()));
    },
  };
}
