import { strict as assert } from 'node:assert';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startBotFrameworkIssuer } from '../support/botFrameworkIssuer.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startTokenIssuer, type TestTokenIssuer } from '../support/tokenIssuer.js';
import { bicepAppSettings, configSettings, ROOT } from './shippingFiles.js';

const school = sampleSchool();
const BOT_ID = '11111111-2222-4333-8444-555555555555';
const IDENTITY_CLIENT_ID = '22222222-3333-4444-8555-666666666666';
const TLS = (ext: string) => join(ROOT, 'tests/fixtures/tls', `localhost-test.${ext}`);

/**
 * App Service's managed identity endpoint (api-version 2019-08-01), issuing JWTs with the claims Azurite checks (it
 * never checks signatures).
 */
async function fakeManagedIdentity() {
  const requests: Array<{ resource: string; clientId?: string }> = [];
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const resource = url.searchParams.get('resource') ?? '';
    requests.push({ resource, clientId: url.searchParams.get('client_id') ?? undefined });
    // Not chained: once restify is loaded in this process, its patched writeHead returns nothing.
    if (req.headers['x-identity-header'] !== 'fake-identity-header' || !resource) {
      res.writeHead(400);
      return void res.end();
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: resource,
      iss: `https://sts.windows.net/${school.tenantId}/`,
      tid: school.tenantId,
      oid: IDENTITY_CLIENT_ID,
    };
    Object.assign(claims, { iat: now - 60, nbf: now - 60, exp: now + 3600 });
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    const token = `${unsigned}.${createHmac('sha256', 'test-only-identity-key').update(unsigned).digest('base64url')}`;
    const body = { access_token: token, expires_on: String(now + 3600), resource, token_type: 'Bearer' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  return { requests, endpoint, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Azurite's Table service over HTTPS with OAuth on: the only way it accepts a managed identity's bearer tokens. */
async function azuriteWithOAuth(): Promise<{ accountUrl: string; stop(): void }> {
  const port = await freePort();
  const main = join(dirname(createRequire(import.meta.url).resolve('azurite/package.json')), 'dist/src/table/main.js');
  const child = spawn(
    process.execPath,
    [
      main,
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(port),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
      '--cert',
      TLS('crt'),
      '--key',
      TLS('key'),
      '--oauth',
      'basic',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) =>
      (out += c.toString()).includes('successfully started') ? resolve() : undefined,
    );
    child.once('exit', (code) => reject(new Error(`Azurite exited (${code}): ${out}`)));
  });
  child.stdout.resume();
  return { accountUrl: `https://127.0.0.1:${port}/devstoreaccount1`, stop: () => void child.kill('SIGKILL') };
}

/**
 * The build as App Service runs it: `npm run build:bot`, then `node dist/index.js` with every app
 * setting infra/azure.bicep gives the Web App (values pointing at local fakes: Table Storage reached
 * with the managed identity, Bot Framework keys, Entra keys), and the service's capabilities checked.
 */
describe("infra: the built service (dist/) starts with the Bicep's app settings", function () {
  this.timeout(240_000);
  let child: ChildProcess | undefined;
  let output = '';
  let base = '';
  const stops: Array<() => unknown> = [];
  let identity: Awaited<ReturnType<typeof fakeManagedIdentity>>;
  let bot: Awaited<ReturnType<typeof startBotFrameworkIssuer>>;
  let sso: TestTokenIssuer;
  let connector: RunningFakeConnector;
  const meetingId = `dist-${Date.now().toString(36)}`;
  const lesson = () => lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });

  before(async function () {
    const build = spawnSync('npm', ['run', 'build:bot'], { cwd: ROOT, encoding: 'utf8' });
    assert.equal(build.status, 0, `npm run build:bot failed:\n${build.stdout}${build.stderr}`);
    assert.ok(existsSync(join(ROOT, 'dist/index.js')), 'dist/index.js was built');
    identity = await fakeManagedIdentity();
    bot = await startBotFrameworkIssuer();
    sso = await startTokenIssuer();
    connector = await startFakeConnector();
    const storage = await azuriteWithOAuth();
    stops.push(identity.stop, bot.stop, sso.close, connector.stop, storage.stop);
    const scratch = mkdtempSync(join(tmpdir(), 'chaperone-dist-'));
    const staffFile = join(scratch, 'staff.json');
    writeFileSync(staffFile, JSON.stringify({ staff: [school.teacher.aadObjectId], dsl: [] }));
    const port = await freePort();
    base = `http://127.0.0.1:${port}`;
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
  });
  after(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    for (const stop of stops.reverse()) await stop();
  });

  it('/healthz is ok, with Table Storage reached through the user-assigned managed identity (STORAGE_ACCOUNT_URL, AZURE_CLIENT_ID)', async () => {
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 200);
    assert.equal(((await res.json()) as { checks: { storage: string } }).checks.storage, 'ok');
    const storageTokens = identity.requests.filter((r) => r.resource.startsWith('https://storage.azure.com'));
    assert.ok(
      storageTokens.length > 0 && storageTokens.every((r) => r.clientId === IDENTITY_CLIENT_ID),
      JSON.stringify(identity.requests),
    );
    assert.ok(
      identity.requests.every((r) => r.clientId !== undefined),
      'never the system-assigned identity',
    );
  });

  it('a Bot-Framework-signed meeting activity is accepted (200); an unsigned one is refused (401)', async () => {
    const signed = await bot.sign({ aud: BOT_ID, serviceurl: connector.url });
    const post = (activity: object, headers: Record<string, string> = {}) =>
      fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify(activity),
      }).then((r) => r.status);
    assert.equal(await post(lesson().join(school.pupils[0]!, Date.now())), 401);
    assert.equal(
      await post(lesson().start(Date.now(), { organizer: school.teacher }), { authorization: `Bearer ${signed}` }),
      200,
    );
    assert.equal(await post(lesson().join(school.teacher, Date.now()), { authorization: `Bearer ${signed}` }), 200);
  });

  it('the tab API answers a signed-in member of staff (SSO keys and issuer from AAD_AUTHORITY_HOST) with the lesson', async () => {
    const origin = new URL(sso.jwksUri).origin;
    const teacher = { tenantId: school.tenantId, aadObjectId: school.teacher.aadObjectId, name: school.teacher.name };
    const token = await sso.mintWithClaims(teacher, { iss: `${origin}/${school.tenantId}/v2.0` });
    const res = await fetch(`${base}/api/meetings/${encodeURIComponent(meetingId)}/status`, {
      headers: { authorization: `Bearer ${token}` },
    });
    assert.equal(res.status, 200, await res.clone().text());
    assert.match(await res.text(), new RegExp(school.teacher.aadObjectId));
  });

  it('the bot signs in to Teams with the managed identity (BOT_TYPE=UserAssignedMSI): its messages carry a token issued for BOT_ID', async () => {
    for (let i = 0; i < 50 && connector.requests.length === 0; i++)
      await new Promise((resolve) => setTimeout(resolve, 100));
    assert.ok(connector.requests.length > 0, 'the bot sent something to Teams for the lesson');
    assert.ok(
      connector.requests.every((r) => String(r.headers.authorization ?? '').startsWith('Bearer ey')),
      'every call to Teams is signed',
    );
    assert.ok(
      identity.requests.some((r) => r.resource.startsWith('https://api.botframework.com') && r.clientId === BOT_ID),
      JSON.stringify(identity.requests),
    );
  });

  it('serves the built side panel from tab/dist (built by npm test before mocha runs)', async function () {
    if (!existsSync(join(ROOT, 'tab/dist/index.html'))) this.skip();
    const res = await fetch(`${base}/tab/index.html`);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /text\/html/);
  });
});
