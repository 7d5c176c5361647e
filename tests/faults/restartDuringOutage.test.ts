import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { createStorageTables } from '../../bot/src/storage/tableClients.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { sharedAzurite } from '../support/azurite.js';
import { memoryLogger, postActivity } from '../support/serviceHarness.js';
import { storageLink, type StorageLink } from '../support/storageLink.js';

const school = sampleSchool();
// Today: the real process runs its own clock, and its retention sweep deletes lessons older than 30 days.
const t0 = Date.now();
const at = (minutes: number): number => t0 + minutes * 60_000;
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** The real entry point (`bot/src/index.ts`) as its own process, as App Service runs it. */
function spawnService(env: Record<string, string>): { child: ChildProcess; output: () => string } {
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
  return { child, output: () => output };
}

/** Polls /healthz until `accept` says yes or 90 s pass (a cold tsx boot on a busy 2-core machine); returns the last. */
async function healthUntil(
  url: string,
  accept: (status: number) => boolean,
): Promise<{ status: number; body: string }> {
  let last = { status: 0, body: '' };
  for (let i = 0; i < 450 && !accept(last.status); i++) {
    last = await fetch(`${url}/healthz`).then(
      async (r) => ({ status: r.status, body: await r.text() }),
      () => ({ status: 0, body: '' }),
    );
    if (!accept(last.status)) await sleep(200);
  }
  return last;
}

describe('faults: the process is killed (SIGKILL) during a storage outage (storage port closed) and started again', function () {
  this.timeout(240_000);
  let connector: RunningFakeConnector;
  let link: StorageLink;
  const children: ChildProcess[] = [];

  before(async () => (connector = await startFakeConnector()));
  after(async () => {
    for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
    await connector.stop();
    await link?.close();
  });

  it('every event answered 200 is written once storage is back; the new process boots while storage is still down', async () => {
    const azurite = await sharedAzurite();
    link = await storageLink(azurite);
    const staffFile = join(mkdtempSync(join(tmpdir(), 'chaperone-kill-')), 'staff.json');
    writeFileSync(staffFile, JSON.stringify(school.staffList()));
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    const env = {
      PORT: String(port),
      LOG_LEVEL: 'warn',
      SWEEP_INTERVAL_MS: '250',
      STAFF_DIRECTORY_FILE: staffFile,
      STORAGE_CONNECTION_STRING: link.connectionString,
      STORAGE_TABLE_PREFIX: `kill${Date.now().toString(36)}`,
      DATA_DIR: mkdtempSync(join(tmpdir(), 'chaperone-journal-')),
    };
    const meetingId = `killed-${Date.now()}`;
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
    const before = [
      lesson.start(at(0)),
      lesson.join(school.teacher, at(0)),
      lesson.join(school.assistant, at(0)),
      lesson.join(school.pupils[0]!, at(1)),
    ];
    const during = [
      lesson.join(school.pupils[1]!, at(2)),
      lesson.leave(school.assistant, at(3)),
      lesson.join(school.pupils[2]!, at(3)),
    ];

    const first = spawnService(env);
    children.push(first.child);
    assert.equal((await healthUntil(url, (s) => s === 200)).status, 200, first.output());
    for (const activity of before) assert.equal(await postActivity(url, activity), 200);
    await link.cut();
    for (const activity of during)
      assert.equal(await postActivity(url, activity), 200, 'answered while storage is down');
    first.child.kill('SIGKILL');
    await new Promise((resolve) => first.child.once('exit', resolve));

    const second = spawnService(env);
    children.push(second.child);
    const down = await healthUntil(url, (s) => s !== 0);
    assert.equal(down.status, 503, `boots while storage is down, and says so: ${second.output().slice(-1500)}`);
    assert.match(
      down.body,
      /3 events and 0 concerns held/,
      'the events the killed process answered for are held again',
    );

    await link.restore();
    assert.equal((await healthUntil(url, (s) => s === 200)).status, 200, second.output().slice(-1500));
    // Read once the process has stopped writing: a read spanning its outbox move could miss rows in flight.
    second.child.kill('SIGTERM');
    await new Promise((resolve) => second.child.once('exit', resolve));
    const tables = createStorageTables({
      connectionString: azurite.connectionString,
      tablePrefix: env.STORAGE_TABLE_PREFIX,
    });
    const meetings = new TableMeetingStore(tables.meetings, memoryLogger());
    const key = { tenantId: school.tenantId, meetingId };
    const events = await meetings.listEvents(key);
    assert.equal(events.length, before.length + during.length, 'nothing answered 200 was lost');
    assert.equal(new Set(events.map((e) => e.id)).size, events.length, 'nothing doubled');
    const record = await meetings.load(key);
    assert.deepEqual(Object.keys(record!.state.people).length, 5, 'the side panel shows who is really there');
  });
});
