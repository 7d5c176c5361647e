import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TableServiceClient } from '@azure/data-tables';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { TABLE_NAMES } from '../../bot/src/storage/tableClients.js';
import { sampleSchool } from '../support/activities.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';
import { configSettings } from '../infra/shippingFiles.js';

/** A running `node --import tsx bot/src/index.ts`: the process as `npm start` and App Service start it. */
interface Started {
  base: string;
  child: ChildProcess;
  /** Everything printed so far (stdout and stderr). */
  output(): string;
  stop(): Promise<number | null>;
}

/** This process's environment without any setting the service reads, so only `env` configures the child. */
function cleanEnv(env: Record<string, string>): NodeJS.ProcessEnv {
  const inherited = Object.fromEntries(
    Object.entries(process.env).filter(([name]) => !configSettings().includes(name)),
  );
  return { ...inherited, ...env };
}

/** Starts the entry point and waits for `/healthz` to answer (or the process to exit). */
async function startEntryPoint(env: Record<string, string>): Promise<Started> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
    env: cleanEnv({ PORT: String(port), HOST: '127.0.0.1', ...env }),
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  child.stdout?.on('data', (c: Buffer) => (out += c.toString()));
  child.stderr?.on('data', (c: Buffer) => (out += c.toString()));
  const exited = new Promise<number | null>((resolve) => child.once('exit', (code) => resolve(code)));
  const stop = async (): Promise<number | null> => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
    return exited;
  };
  for (let i = 0; i < 400 && child.exitCode === null; i++) {
    if (
      await fetch(`${base}/healthz`).then(
        (r) => r.ok,
        () => false,
      )
    )
      return { base, child, output: () => out, stop };
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  await stop();
  return { base, child, output: () => out, stop };
}

/** The JSON log lines the service printed. */
const logLines = (output: string): Array<{ level: number; msg?: string; [key: string]: unknown }> =>
  output.split('\n').flatMap((line) => {
    try {
      return [JSON.parse(line) as { level: number; msg?: string }];
    } catch {
      return [];
    }
  });

/**
 * The configuration contract, part one: settings that `bot/src/index.ts` and `main.ts` read before
 * the composition root (storage, local or production mode, logging), proven on the real entry point.
 */
describe('scenarios: configuration contract of the entry point (storage, mode, logging)', function () {
  this.timeout(90_000);
  const school = sampleSchool();
  /** The tab's sign-in settings production cannot start without (fake ids). */
  const SSO = { AAD_APP_CLIENT_ID: '00000000-0000-4000-8000-00000000c1d0', AAD_APP_TENANT_ID: school.tenantId };
  const BOT = { BOT_ID: '11111111-2222-4333-8444-555555555555', BOT_PASSWORD: 'test-only-not-a-secret' };
  let started: Started | undefined;
  afterEach(async () => {
    await started?.stop();
    started = undefined;
  });

  it('NODE_ENV=production, STORAGE_CONNECTION_STRING, STORAGE_TABLE_PREFIX, LOG_LEVEL=info: prefixed tables there, no simulator, info lines', async () => {
    const azurite = await sharedAzurite();
    const prefix = uniqueTableName('contract');
    const storage = { STORAGE_CONNECTION_STRING: azurite.connectionString, STORAGE_TABLE_PREFIX: prefix };
    started = await startEntryPoint({ ...SSO, ...BOT, ...storage, NODE_ENV: 'production', LOG_LEVEL: 'info' });
    assert.equal(started.child.exitCode, null, started.output());
    const tables: string[] = [];
    const account = TableServiceClient.fromConnectionString(azurite.connectionString, {
      allowInsecureConnection: true,
    });
    for await (const table of account.listTables()) tables.push(table.name ?? '');
    assert.deepEqual(
      tables.filter((name) => name.startsWith(prefix)).sort(),
      TABLE_NAMES.map((name) => `${prefix}${name}`).sort(),
    );
    for (const path of ['/dev', '/dev/api/state', '/dev/auth/keys'])
      assert.equal((await fetch(`${started.base}${path}`)).status, 404, path);
    const banner = logLines(started.output()).find((line) => line.msg === 'Chaperone is running');
    assert.equal(banner?.level, 30, 'the info banner is printed at LOG_LEVEL=info');
    assert.equal(banner?.mode, 'production');
  });

  it('NODE_ENV=production refuses to start with no storage account configured, with a sentence naming the settings', async () => {
    started = await startEntryPoint({ ...SSO, ...BOT, NODE_ENV: 'production', LOG_LEVEL: 'info' });
    assert.equal(await started.stop(), 1);
    assert.match(
      started.output(),
      /set STORAGE_ACCOUNT_URL \(managed identity\) or STORAGE_CONNECTION_STRING in production/,
    );
  });

  it('NODE_ENV=production without BOT_ID refuses to start (an anonymous bot endpoint is never production), naming BOT_ID', async () => {
    const azurite = await sharedAzurite();
    started = await startEntryPoint({
      ...SSO,
      STORAGE_CONNECTION_STRING: azurite.connectionString,
      NODE_ENV: 'production',
      LOG_LEVEL: 'info',
    });
    assert.equal(await started.stop(), 1);
    assert.match(started.output(), /NODE_ENV is production but BOT_ID is not set/);
  });

  it("local mode (no NODE_ENV, no storage): DATA_DIR holds the emulator's tables, the simulator is on, and LOG_LEVEL=warn hides info lines", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chaperone-data-'));
    started = await startEntryPoint({ DATA_DIR: dataDir, LOG_LEVEL: 'warn' });
    assert.equal(started.child.exitCode, null, started.output());
    assert.equal((await fetch(`${started.base}/dev`)).status, 200, 'the simulator exists in local mode');
    assert.equal(await started.stop(), 0);
    const output = started.output();
    started = undefined;
    // Azurite writes its table database under DATA_DIR/azurite (saved when the service stops it).
    assert.ok(
      existsSync(join(dataDir, 'azurite')) && readdirSync(join(dataDir, 'azurite')).length > 0,
      `no emulator data under ${dataDir}`,
    );
    assert.deepEqual(
      logLines(output).filter((line) => line.level < 40),
      [],
      'nothing below warn is printed',
    );
    assert.ok(!output.includes('Chaperone is running'), output);
  });
});
