import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { IDENTITY_CLIENT_ID } from './appServiceFakes.js';
import { BOT_ID, startBuiltService } from './builtService.js';
import { ROOT } from './shippingFiles.js';

const school = sampleSchool();
type Built = Awaited<ReturnType<typeof startBuiltService>>;

/**
 * The build as App Service runs it: `npm run build:bot`, then `node dist/index.js` with every app
 * setting infra/azure.bicep gives the Web App (values pointing at local fakes: Table Storage reached
 * with the managed identity, Bot Framework keys, Entra keys), and the service's capabilities checked.
 */
describe("infra: the built service (dist/) starts with the Bicep's app settings", function () {
  this.timeout(240_000);
  let stop: Built['stop'] | undefined;
  let base = '';
  let identity: Built['identity'];
  let bot: Built['bot'];
  let sso: Built['sso'];
  let connector: Built['connector'];
  const meetingId = `dist-${Date.now().toString(36)}`;
  const lesson = () => lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });

  before(async () => {
    ({ base, identity, bot, sso, connector, stop } = await startBuiltService());
  });
  after(async () => {
    await stop?.();
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
