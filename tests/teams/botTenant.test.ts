import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';
import { startBotFrameworkIssuer } from '../support/botFrameworkIssuer.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startTokenIssuer, type TestTokenIssuer } from '../support/tokenIssuer.js';
import { configSettings, ROOT } from '../infra/shippingFiles.js';

const school = sampleSchool();
const BOT_PASSWORD = 'test-only-bot-secret';
const TLS = (ext: string) => join(ROOT, 'tests/fixtures/tls', `localhost-test.${ext}`);
const pause = () => new Promise((resolve) => setTimeout(resolve, 100));

/**
 * Where a bot with a client secret signs in for its calls to Teams. The service runs as
 * `node --import tsx bot/src/index.ts` because MSAL signs in only at an HTTPS authority: the child
 * trusts the local Entra's test certificate (NODE_EXTRA_CA_CERTS), which this process cannot do.
 */
describe('teams: the bot signs in for its outgoing calls at its own tenant (BOT_TENANT_ID, AAD_AUTHORITY_HOST)', function () {
  this.timeout(90_000);
  let entra: TestTokenIssuer;
  let channel: Awaited<ReturnType<typeof startBotFrameworkIssuer>>;
  let connector: RunningFakeConnector;

  before(async () => {
    entra = await startTokenIssuer(undefined, {
      tls: { key: readFileSync(TLS('key')), cert: readFileSync(TLS('crt')) },
    });
    channel = await startBotFrameworkIssuer();
    connector = await startFakeConnector();
  });
  after(async () => {
    await connector.stop();
    await channel.stop();
    await entra.close();
  });

  /**
   * Starts the service as this bot, starts a lesson with a signed activity, and returns once the bot has called Teams.
   */
  async function lessonStartedBy(bot: { BOT_ID: string; BOT_TYPE: string; BOT_TENANT_ID: string }): Promise<string> {
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const settings: Record<string, string> = {
      ...bot,
      BOT_PASSWORD,
      BOT_OPENID_METADATA_URL: channel.metadataUrl,
      AAD_AUTHORITY_HOST: entra.authorityHost,
      AAD_APP_TENANT_ID: school.tenantId,
      AAD_APP_CLIENT_ID: entra.clientId,
      PORT: String(port),
      HOST: '127.0.0.1',
      LOG_LEVEL: 'info',
      DATA_DIR: mkdtempSync(join(tmpdir(), 'chaperone-tenant-')),
      STORAGE_CONNECTION_STRING: (await sharedAzurite()).connectionString,
      STORAGE_TABLE_PREFIX: uniqueTableName('tenant'),
    };
    const inherited = Object.fromEntries(
      Object.entries(process.env).filter(([name]) => !configSettings().includes(name)),
    );
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
      cwd: ROOT,
      env: { ...inherited, ...settings, NODE_EXTRA_CA_CERTS: TLS('crt') },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (c: Buffer) => (output += c.toString()));
    child.stderr.on('data', (c: Buffer) => (output += c.toString()));
    const exited = new Promise((resolve) => child.once('exit', resolve));
    try {
      const healthy = () =>
        fetch(`${base}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
      for (let i = 0; i < 400 && child.exitCode === null && !(await healthy()); i++) await pause();
      assert.ok(await healthy(), `the service did not start:\n${output.slice(-3000)}`);
      const meetingId = `tenant-${bot.BOT_ID.slice(-4)}`;
      const token = await channel.sign({ aud: bot.BOT_ID, serviceurl: connector.url });
      const res = await fetch(`${base}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
        body: JSON.stringify(
          lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url }).start(Date.now(), {
            organizer: school.teacher,
          }),
        ),
      });
      assert.equal(res.status, 200, output.slice(-3000));
      for (let i = 0; i < 100 && !connector.requests.some((r) => r.path.includes('/v3/conversations')); i++)
        await pause();
      return output;
    } finally {
      child.kill('SIGTERM');
      await exited;
    }
  }

  /** What the bot asked Entra for and what it sent to Teams, since `from` tokens had been issued. */
  const outcome = (from: number) => ({
    issued: entra.issued.slice(from),
    authorizations: connector.requests.map((r) => String(r.headers.authorization ?? '')),
  });

  for (const tenant of ['0f0e0d0c-0000-4000-8000-0000000b0701', '0f0e0d0c-0000-4000-8000-0000000b0702']) {
    it(`SingleTenant with BOT_TENANT_ID=${tenant.slice(-4)}: the token comes from <authority host>/${tenant.slice(-4)}/oauth2/v2.0/token and signs every call to Teams`, async () => {
      const BOT_ID = `11111111-2222-4333-8444-00000000${tenant.slice(-4)}`;
      connector.clear();
      const from = entra.issued.length;
      const output = await lessonStartedBy({ BOT_ID, BOT_TYPE: 'SingleTenant', BOT_TENANT_ID: tenant });
      const { issued, authorizations } = outcome(from);
      assert.ok(
        issued.length > 0,
        `the bot asked the local Entra for a token; it saw ${JSON.stringify(entra.paths)}:\n${output.slice(-3000)}`,
      );
      assert.deepEqual(
        new Set(issued.map((t) => `${t.tenant} ${t.clientId} ${t.scope}`)),
        new Set([`${tenant} ${BOT_ID} https://api.botframework.com/.default`]),
      );
      // The lesson's welcome in the meeting chat, and the organizer's start card in a 1:1 chat the bot opens itself.
      assert.ok(
        connector.requests.some((r) => r.method === 'POST' && r.path === '/v3/conversations'),
        'the bot started a conversation of its own',
      );
      const tokens = new Set(issued.map((t) => `Bearer ${t.accessToken}`));
      assert.ok(
        authorizations.every((a) => tokens.has(a)),
        `every call carries a token from ${tenant}: ${JSON.stringify(authorizations)}`,
      );
      assert.ok(
        !output.includes(BOT_PASSWORD) && issued.every((t) => !output.includes(t.accessToken)),
        'neither the secret nor a token is logged',
      );
    });
  }

  it('MultiTenant (BOT_TENANT_ID set all the same): the token comes from <authority host>/botframework.com', async () => {
    const BOT_ID = '11111111-2222-4333-8444-00000000b0f0';
    connector.clear();
    const from = entra.issued.length;
    await lessonStartedBy({ BOT_ID, BOT_TYPE: 'MultiTenant', BOT_TENANT_ID: school.tenantId });
    const { issued, authorizations } = outcome(from);
    assert.deepEqual(new Set(issued.map((t) => `${t.tenant} ${t.clientId}`)), new Set([`botframework.com ${BOT_ID}`]));
    assert.ok(
      authorizations.length > 0 && authorizations.every((a) => issued.some((t) => a === `Bearer ${t.accessToken}`)),
      JSON.stringify(authorizations),
    );
  });
});
