import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { startBotFrameworkIssuer } from '../support/botFrameworkIssuer.js';
import { memoryLogger, postActivity, startTestService } from '../support/serviceHarness.js';

describe('teams: inbound authentication with real credentials', function () {
  this.timeout(30_000);
  const school = sampleSchool();
  const BOT_ID = '11111111-2222-4333-8444-555555555555';
  const serviceUrl = 'https://smba.trafficmanager.net/uk/';
  const join = () =>
    lessonActivities({ tenantId: school.tenantId, meetingId: 'auth-meeting', serviceUrl }).join(
      school.pupils[0]!,
      Date.parse('2026-01-15T09:00:00Z'),
    );
  let issuer: Awaited<ReturnType<typeof startBotFrameworkIssuer>>;
  let service: Awaited<ReturnType<typeof startTestService>>;
  const logger = memoryLogger();
  const refusals = () => logger.lines.filter((line) => line.msg === 'bot activity refused: its sign-in did not pass');

  let quietConsole: sinon.SinonStub;

  before(async () => {
    // botbuilder's token extractor prints the issuer's public keys for a forged token (console.error).
    quietConsole = sinon.stub(console, 'error');
    issuer = await startBotFrameworkIssuer();
    service = await startTestService({
      logger,
      env: {
        BOT_ID,
        BOT_PASSWORD: 'test-only-not-a-secret',
        BOT_TYPE: 'MultiTenant',
        BOT_OPENID_METADATA_URL: issuer.metadataUrl,
        AAD_APP_CLIENT_ID: '00000000-0000-4000-8000-00000000c1d0',
        AAD_APP_TENANT_ID: '00000000-0000-4000-8000-00000000fa4e',
      },
    });
  });
  after(async () => {
    quietConsole.restore();
    await service.stop();
    await issuer.stop();
  });
  const recorded = async () =>
    (await service.core.meetings.load({ tenantId: school.tenantId, meetingId: 'auth-meeting' }))?.state.applied
      .length ?? 0;

  it('with BOT_ID set, botbuilder rejects an unsigned request with 401 and nothing is recorded', async () => {
    assert.equal(await postActivity(service.url, join()), 401);
    assert.equal(await recorded(), 0);
  });

  it('rejects a token signed by anyone but the Bot Framework (forged), for another bot, or for another service URL: 401 each', async () => {
    const claims = { aud: BOT_ID, serviceurl: serviceUrl };
    const tokens = [
      await issuer.forge(claims),
      await issuer.sign({ ...claims, aud: 'another-bot' }),
      await issuer.sign({ ...claims, serviceurl: 'https://evil.example/' }),
    ];
    const logged = refusals().length;
    for (const token of tokens) {
      assert.equal(await postActivity(service.url, join(), { authorization: `Bearer ${token}` }), 401);
    }
    assert.equal(await recorded(), 0);
    // Each refusal is one log line naming the error, never the token.
    assert.equal(refusals().length - logged, tokens.length);
    const lines = JSON.stringify(logger.lines);
    for (const token of tokens) assert.ok(!lines.includes(token.split('.')[2]!), 'no token signature in the log');
  });

  it('accepts a properly signed channel token for this bot, so the 401s above are the validation at work', async () => {
    const token = await issuer.sign({ aud: BOT_ID, serviceurl: serviceUrl });
    assert.equal(await postActivity(service.url, join(), { authorization: `Bearer ${token}` }), 200);
    assert.equal(await recorded(), 1);
  });

  it('keeps checking every token once an accepted activity has left its connector client to be reused: forged and unsigned are still 401', async () => {
    const claims = { aud: BOT_ID, serviceurl: serviceUrl };
    assert.equal(
      await postActivity(service.url, join(), { authorization: `Bearer ${await issuer.sign(claims)}` }),
      200,
    );
    const before = await recorded();
    const second = lessonActivities({ tenantId: school.tenantId, meetingId: 'auth-meeting', serviceUrl }).join(
      school.pupils[1]!,
      Date.parse('2026-01-15T09:01:00Z'),
    );
    assert.equal(
      await postActivity(service.url, second, { authorization: `Bearer ${await issuer.forge(claims)}` }),
      401,
    );
    assert.equal(await postActivity(service.url, second), 401);
    assert.equal(await recorded(), before);
  });

  it('an activity from a tenant the school does not serve: 401 unsigned (authentication comes first, so callers learn nothing about tenants), 403 signed, nothing recorded', async () => {
    const outsider = '00000000-0000-4000-8000-0000000bad00';
    const foreignJoin = lessonActivities({ tenantId: outsider, meetingId: 'auth-meeting', serviceUrl }).join(
      school.pupils[0]!,
      Date.parse('2026-01-15T09:05:00Z'),
    );
    assert.equal(await postActivity(service.url, foreignJoin), 401);
    const token = await issuer.sign({ aud: BOT_ID, serviceurl: serviceUrl });
    assert.equal(await postActivity(service.url, foreignJoin, { authorization: `Bearer ${token}` }), 403);
    assert.equal(await service.core.meetings.load({ tenantId: outsider, meetingId: 'auth-meeting' }), undefined);
  });
});
