import { strict as assert } from 'node:assert';
import { createTenantGate } from '../../bot/src/teams/tenantGate.js';
import { memoryLogger, startTestService } from '../support/serviceHarness.js';

const SCHOOL = 'aaaaaaaa-0000-4000-8000-00000000000a';
const PARTNER = 'bbbbbbbb-0000-4000-8000-00000000000b';
const OUTSIDER = 'eeeeeeee-0000-4000-8000-00000000000e';

/** An activity as Teams addresses it: the tenant in channel data and on the conversation. */
const from = (tenant: string | undefined, conversationTenant = tenant) =>
  ({
    type: 'message',
    from: { id: '29:someone', name: 'Someone Named (FAKE)' },
    conversation: { id: 'a:1', ...(conversationTenant ? { tenantId: conversationTenant } : {}) },
    channelData: tenant ? { tenant: { id: tenant } } : {},
  }) as never;

describe("teams/tenantGate: only the school's tenants reach the bot", () => {
  it("takes activities from the school's tenant and any further allowed tenant, whatever the case of the id", () => {
    const gate = createTenantGate({ allowedTenants: [SCHOOL, PARTNER], production: true, logger: memoryLogger() });
    assert.equal(gate.admits(from(SCHOOL)), true);
    assert.equal(gate.admits(from(PARTNER.toUpperCase())), true);
    assert.equal(gate.admits(from(undefined, SCHOOL)), true, 'conversation.tenantId alone is enough');
  });

  it('refuses another organisation, an activity whose two tenant ids disagree, and one naming no tenant', () => {
    const gate = createTenantGate({ allowedTenants: [SCHOOL], production: true, logger: memoryLogger() });
    assert.equal(gate.admits(from(OUTSIDER)), false);
    assert.equal(gate.admits(from(SCHOOL, OUTSIDER)), false);
    assert.equal(gate.admits(from(OUTSIDER, SCHOOL)), false);
    assert.equal(gate.admits(from(undefined)), false);
  });

  it('logs a refused tenant once (its id and the activity type, never a name), however many activities it sends', () => {
    const logger = memoryLogger();
    const gate = createTenantGate({ allowedTenants: [SCHOOL], production: false, logger });
    for (let i = 0; i < 5; i++) gate.admits(from(OUTSIDER));
    gate.admits(from(PARTNER));
    const logged = logger.lines.map((l) => [l.level, l.obj]);
    assert.deepEqual(logged, [
      ['warn', { tenantId: OUTSIDER, activityType: 'message' }],
      ['warn', { tenantId: PARTNER, activityType: 'message' }],
    ]);
    assert.doesNotMatch(JSON.stringify(logger.lines), /FAKE/);
  });

  it("in local mode with no tenant configured takes every tenant (the simulator's included), and logs nothing", () => {
    const logger = memoryLogger();
    const gate = createTenantGate({ allowedTenants: [], production: false, logger });
    assert.equal(gate.admits(from(OUTSIDER)), true);
    assert.equal(gate.admits(from(undefined)), true);
    assert.deepEqual(logger.lines, []);
  });

  it('in production with no tenant configured refuses to start, naming the settings to fix', () => {
    assert.throws(
      () => createTenantGate({ allowedTenants: [], production: true, logger: memoryLogger() }),
      /cannot start: set AAD_APP_TENANT_ID .*AAD_APP_ALLOWED_TENANTS/,
    );
  });

  it('the real composition root with BOT_ID set and no school tenant does not start, and says what to set', async function () {
    this.timeout(30_000);
    const production = {
      BOT_ID: '11111111-2222-4333-8444-555555555555',
      BOT_PASSWORD: 'not-a-real-secret',
      AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
    };
    await assert.rejects(
      startTestService({ env: production }),
      /set AAD_APP_TENANT_ID .*so the bot takes lessons from the school's own Teams only/,
    );
  });
});
