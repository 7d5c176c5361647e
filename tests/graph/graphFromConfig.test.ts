import { strict as assert } from 'node:assert';
import { GraphPermissionError } from '../../bot/src/app/meetingControl/ports.js';
import { ConfigError, loadConfig } from '../../bot/src/config.js';
import { graphFromConfig } from '../../bot/src/graph/graphFromConfig.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';

const tenantId = 'school-tenant';
const tokenRequests = (fake: FakeGraph) =>
  fake.requests.filter((r) => r.path === '/msi/token' || r.path.endsWith('/oauth2/v2.0/token'));

describe('graph/graphFromConfig', () => {
  let fake: FakeGraph;
  const saved = { endpoint: process.env.IDENTITY_ENDPOINT, header: process.env.IDENTITY_HEADER };
  useFakeGraph((started) => {
    fake = started;
    fake.directory.users.add('osei').add('pupil-1');
    fake.directory.groups.set('all-staff', ['osei']);
  });
  // @azure/identity finds App Service's managed identity through these two variables.
  beforeEach(() => {
    process.env.IDENTITY_ENDPOINT = fake.identityEndpoint;
    process.env.IDENTITY_HEADER = fake.identityHeader;
  });
  after(() => {
    for (const [name, value] of [
      ['IDENTITY_ENDPOINT', saved.endpoint],
      ['IDENTITY_HEADER', saved.header],
    ] as const) {
      if (value === undefined) delete process.env[name];
      else process.env[name] = value;
    }
  });

  function config(env: Record<string, string>) {
    return loadConfig({
      GRAPH_BASE_URL: fake.graphBaseUrl,
      AAD_AUTHORITY_HOST: fake.authorityHost,
      LOG_LEVEL: 'silent',
      ...env,
    });
  }

  it('builds nothing but the meeting-settings health when neither the staff group nor settings enforcement is on; that health says off and is not degraded', () => {
    const services = graphFromConfig(config({}));
    assert.deepEqual(Object.keys(services), ['meetingControlHealth']);
    assert.deepEqual(services.meetingControlHealth.health(), {
      meetingSettings: 'off (GRAPH_ENFORCE_SETTINGS=false): lesson meeting options are not checked',
      degraded: false,
    });
    assert.equal(fake.requests.length, 0, 'no sign-in and no Graph call');
  });

  it('STAFF_GROUP_ID alone gives a working staff group (no GRAPH_ENFORCE_SETTINGS) signed in as the managed identity, never the bot secret', async () => {
    const services = graphFromConfig(
      config({
        STAFF_GROUP_ID: 'all-staff',
        AZURE_CLIENT_ID: 'mi-client-id',
        BOT_ID: 'bot-app-id',
        BOT_PASSWORD: 'bot-secret',
        BOT_TENANT_ID: tenantId,
        BOT_TYPE: 'SingleTenant',
      }),
    );
    assert.equal(services.meetingControl, undefined);
    assert.ok(services.staffGroup);
    assert.equal(await services.staffGroup.lookup(tenantId, 'osei'), 'staff');
    assert.equal(await services.staffGroup.lookup(tenantId, 'pupil-1'), 'notStaff');

    const tokens = tokenRequests(fake);
    assert.equal(tokens.length, 1, 'one managed identity token, reused');
    assert.equal(tokens[0]!.path, '/msi/token');
    assert.equal(tokens[0]!.identityHeader, fake.identityHeader);
    assert.deepEqual(
      { ...tokens[0]!.query },
      { 'api-version': '2019-08-01', resource: 'https://graph.microsoft.com', client_id: 'mi-client-id' },
    );
    const graphCalls = fake.graphRequests('POST', /\$batch$/);
    assert.ok(graphCalls.length >= 1 && graphCalls.every((r) => r.authorization === 'Bearer fake-token-1'));
  });

  it('meeting control also signs in as the managed identity and names it in the access-policy steps', async () => {
    const bot = { BOT_ID: 'bot-app-id', BOT_PASSWORD: 'bot-secret', BOT_TENANT_ID: tenantId };
    const services = graphFromConfig(
      config({ GRAPH_ENFORCE_SETTINGS: 'true', AZURE_CLIENT_ID: 'mi-client-id', ...bot }),
    );
    assert.equal(services.staffGroup, undefined);
    fake.script('GET', /onlineMeetings$/, { status: 403, body: { error: { code: 'Forbidden' } } });
    await assert.rejects(
      services.meetingControl!.findMeeting('khan', 'https://teams.example/l/m1'),
      (e: unknown) =>
        e instanceof GraphPermissionError &&
        e.requirement.adminSteps.some((step) => step.includes('-AppIds "mi-client-id"')),
    );
    assert.deepEqual(services.meetingControlHealth.health(), {
      meetingSettings: 'Graph refused (403): application permission OnlineMeetings.ReadWrite.All missing',
      degraded: true,
    });
    // MSAL keeps managed identity tokens process-wide, so the token from the test above may be reused.
    assert.ok(tokenRequests(fake).every((r) => r.path === '/msi/token'));
    assert.equal(
      fake.graphRequests('GET', /onlineMeetings$/)[0]!.authorization?.startsWith('Bearer fake-token-'),
      true,
    );
  });

  it('signs in with a client secret only when GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and GRAPH_TENANT_ID are all given', async () => {
    const secret = { GRAPH_CLIENT_ID: 'graph-app', GRAPH_CLIENT_SECRET: 'graph-secret', GRAPH_TENANT_ID: tenantId };
    const services = graphFromConfig(config({ STAFF_GROUP_ID: 'all-staff', ...secret, BOT_PASSWORD: 'bot-secret' }));
    assert.equal(await services.staffGroup!.lookup(tenantId, 'osei'), 'staff');
    const [token] = tokenRequests(fake);
    assert.equal(token!.path, `/${tenantId}/oauth2/v2.0/token`);
    const form = {
      client_id: 'graph-app',
      client_secret: 'graph-secret',
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    };
    assert.deepEqual(token!.body, form);
    const partial = (e: unknown) =>
      e instanceof ConfigError && /GRAPH_CLIENT_ID, GRAPH_CLIENT_SECRET and GRAPH_TENANT_ID/.test(e.message);
    assert.throws(() => config({ GRAPH_CLIENT_SECRET: 'graph-secret' }), partial);
  });

  it('uses STAFF_GROUP_CACHE_MINUTES for the TTL (default 60)', async () => {
    let now = 0;
    const services = graphFromConfig(config({ STAFF_GROUP_ID: 'all-staff', STAFF_GROUP_CACHE_MINUTES: '5' }), {
      now: () => now,
    });
    await services.staffGroup!.lookup(tenantId, 'osei');
    now = 5 * 60_000 - 1;
    await services.staffGroup!.lookup(tenantId, 'osei');
    assert.equal(fake.graphRequests('POST', /\$batch$/).length, 1);
    now = 5 * 60_000;
    await services.staffGroup!.lookup(tenantId, 'osei');
    assert.equal(fake.graphRequests('POST', /\$batch$/).length, 2);
    assert.equal(config({}).directory.staffGroupCacheMinutes, 60);
  });
});
