/** The build as App Service runs it, for the dist/ tests. */
import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { sampleSchool } from '../support/activities.js';
import { startBotFrameworkIssuer } from '../support/botFrameworkIssuer.js';
import { startFakeConnector } from '../support/fakeConnector.js';
import { startTokenIssuer } from '../support/tokenIssuer.js';
import { azuriteWithOAuth, fakeManagedIdentity, IDENTITY_CLIENT_ID, TLS } from './appServiceFakes.js';
import { bicepAppSettings, configSettings, ROOT } from './shippingFiles.js';

const school = sampleSchool();
/** The bot's app id, which its managed identity signs in to Teams as. */
export const BOT_ID = '11111111-2222-4333-8444-555555555555';

/**
 * `npm run build:bot`, then `node dist/index.js` with every app setting infra/azure.bicep gives the Web App (values
 * pointing at local fakes: Table Storage reached with the managed identity, Bot Framework keys, Entra keys), once it
 * answers /healthz with 200. `stop` ends the process and the fakes.
 */
export async function startBuiltService() {
  let child: ChildProcess | undefined;
  let output = '';
  const stops: Array<() => unknown> = [];
  const stop = async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    for (const stopOne of stops.reverse()) await stopOne();
  };
  // Whatever started is stopped if the service never becomes healthy, as the suite's after hook would.
  const launch = async () => {
    const build = spawnSync('npm', ['run', 'build:bot'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build:bot failed:\n${build.stdout}${build.stderr}`);
    assert.ok(existsSync(join(ROOT, 'dist/index.js')), 'dist/index.js was built');
    const identity = await fakeManagedIdentity();
    const bot = await startBotFrameworkIssuer();
    const sso = await startTokenIssuer();
    const connector = await startFakeConnector();
    const storage = await azuriteWithOAuth();
    stops.push(identity.stop, bot.stop, sso.close, connector.stop, storage.stop);
    const scratch = mkdtempSync(join(tmpdir(), 'chaperone-dist-'));
    const staffFile = join(scratch, 'staff.json');
    writeFileSync(staffFile, JSON.stringify({ staff: [school.teacher.aadObjectId], dsl: [] }));
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    // Each Bicep setting, as the deployment would fill it, pointed at this machine.
    const deployed: Record<string, string> = {
      NODE_ENV: 'production',
      PORT: String(port),
      WEBSITES_PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: join(scratch, 'data'),
      BOT_ID,
      BOT_TENANT_ID: school.tenantId,
      BOT_TYPE: 'UserAssignedMSI',
      STORAGE_ACCOUNT_URL: storage.accountUrl,
      AZURE_CLIENT_ID: IDENTITY_CLIENT_ID,
      AAD_APP_CLIENT_ID: sso.clientId,
      AAD_APP_TENANT_ID: school.tenantId,
      AAD_APP_CLIENT_SECRET: '',
      AAD_APP_ALLOWED_TENANTS: '',
      AAD_AUTHORITY_HOST: new URL(sso.jwksUri).origin,
      TAB_DOMAIN: 'chaperone.school.example',
      TEAMS_APP_ID: '3f2a6c1e-0000-4000-8000-00000000c0a1',
      POLICY_PRESET: 'strict',
      POLICY_FILE: '',
      STAFF_DIRECTORY_FILE: staffFile,
      STAFF_GROUP_ID: '',
      GRAPH_BASE_URL: 'http://127.0.0.1:9/v1.0',
      GRAPH_ENFORCE_SETTINGS: 'false',
      SWEEP_INTERVAL_MS: '1000',
      // Telemetry export needs an HTTPS ingestion endpoint; tests/runtime/telemetry.test.ts proves it.
      APPLICATIONINSIGHTS_CONNECTION_STRING: '',
      SCM_DO_BUILD_DURING_DEPLOYMENT: 'false',
    };
    // BOT_PASSWORD exists only for a Developer Portal bot; the Bicep's default bot has none.
    const bicep = [...bicepAppSettings().keys()].filter((name) => name !== 'BOT_PASSWORD');
    assert.deepEqual(Object.keys(deployed).sort(), bicep.sort(), 'every Bicep app setting is given');
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !configSettings().includes(name)),
    );
    child = spawn(process.execPath, ['dist/index.js'], {
      cwd: ROOT,
      env: {
        ...inherited,
        ...deployed,
        // What App Service itself gives a process with a managed identity, and the public cloud's keys replaced by the
        // local issuer's.
        IDENTITY_ENDPOINT: identity.endpoint,
        IDENTITY_HEADER: 'fake-identity-header',
        BOT_OPENID_METADATA_URL: bot.metadataUrl,
        NODE_EXTRA_CA_CERTS: TLS('crt'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout?.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr?.on('data', (c: Buffer) => (output += c.toString()));
    let health = 'no answer';
    for (let i = 0; i < 600 && child.exitCode === null && health !== '200'; i++) {
      health = await fetch(`${base}/healthz`).then(
        async (r) => (r.ok ? '200' : `${r.status} ${await r.text()}`),
        () => 'no answer',
      );
      if (health !== '200') await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const asked = JSON.stringify(identity.requests);
    assert.equal(
      health,
      '200',
      `node dist/index.js did not become healthy (exit code ${child.exitCode}, identity asked ${asked}):\n${output.slice(-3000)}`,
    );
    return { base, identity, bot, sso, connector, stop };
  };
  try {
    return await launch();
  } catch (failure) {
    await stop();
    throw failure;
  }
}
