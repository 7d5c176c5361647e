import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { startService } from '../../bot/src/compose/startService.js';
import { loadConfig } from '../../bot/src/config.js';
import { sharedAzurite, uniqueTableName } from '../support/azurite.js';
import { memoryLogger } from '../support/serviceHarness.js';
import { startTokenIssuer, type TestTokenIssuer } from '../support/tokenIssuer.js';
import { read, readmeSettings, ROOT } from '../infra/shippingFiles.js';

/**
 * Where each README setting is proven: a test that starts the service through the production
 * composition root with the setting given and asserts what it changes. `setIn` is the file that
 * spells the setting when a shared helper gives it (the test imports that helper).
 */
const PROVEN_BY: Record<string, { test: string; setIn?: string }> = {
  PORT: { test: 'tests/scenarios/configContractPolicy.test.ts' },
  HOST: { test: 'tests/scenarios/configContractPolicy.test.ts' },
  BOT_ID: { test: 'tests/teams/botAuthentication.test.ts' },
  BOT_PASSWORD: { test: 'tests/teams/botAuthentication.test.ts' },
  BOT_TENANT_ID: { test: 'tests/teams/botTenant.test.ts' },
  BOT_TYPE: { test: 'tests/infra/distBuild.test.ts' },
  BOT_OPENID_METADATA_URL: { test: 'tests/teams/botAuthentication.test.ts' },
  NODE_ENV: { test: 'tests/scenarios/configContractProcess.test.ts' },
  STORAGE_ACCOUNT_URL: { test: 'tests/infra/distBuild.test.ts' },
  AZURE_CLIENT_ID: { test: 'tests/infra/distBuild.test.ts' },
  STORAGE_CONNECTION_STRING: { test: 'tests/scenarios/configContractProcess.test.ts' },
  STORAGE_TABLE_PREFIX: { test: 'tests/scenarios/configContractProcess.test.ts' },
  STORAGE_TIMEOUT_MS: { test: 'tests/scenarios/configContractStorageTimeout.test.ts' },
  REQUEST_BODY_TIMEOUT_MS: { test: 'tests/faults/pathologicalBodies.test.ts' },
  OUTAGE_HELD_EVENTS: { test: 'tests/faults/storageOutage.test.ts' },
  DATA_DIR: { test: 'tests/scenarios/configContractProcess.test.ts' },
  AAD_APP_CLIENT_ID: { test: 'tests/http/tabApi/tabApiAccess.test.ts', setIn: 'tests/support/tabServer.ts' },
  AAD_APP_CLIENT_SECRET: { test: 'tests/http/tabApi/bookingSetUp.test.ts' },
  AAD_APP_TENANT_ID: { test: 'tests/http/tabApi/tabApiAccess.test.ts', setIn: 'tests/support/tabServer.ts' },
  AAD_APP_ALLOWED_TENANTS: { test: 'tests/http/tabApi/tabApiAccess.test.ts', setIn: 'tests/support/tabServer.ts' },
  AAD_AUTHORITY_HOST: { test: 'tests/scenarios/deployedStaffGroup.test.ts', setIn: 'tests/support/fakeGraph.ts' },
  AUTH_JWKS_URI: { test: 'tests/http/tabApi/tabApiAccess.test.ts', setIn: 'tests/support/tabServer.ts' },
  AUTH_ISSUER: { test: 'tests/scenarios/configContract.test.ts' },
  TAB_DOMAIN: { test: 'tests/scenarios/configContractAlerts.test.ts' },
  TEAMS_APP_ID: { test: 'tests/scenarios/configContractAlerts.test.ts' },
  POLICY_PRESET: { test: 'tests/scenarios/configContractPolicy.test.ts' },
  POLICY_FILE: { test: 'tests/scenarios/configContractPolicy.test.ts' },
  STAFF_DIRECTORY_FILE: { test: 'tests/scenarios/configContractPolicy.test.ts' },
  STAFF_GROUP_ID: { test: 'tests/scenarios/deployedStaffGroup.test.ts' },
  STAFF_GROUP_CACHE_MINUTES: { test: 'tests/scenarios/deployedStaffGroup.test.ts' },
  GRAPH_CLIENT_ID: { test: 'tests/scenarios/deployedStaffGroup.test.ts', setIn: 'tests/support/fakeGraph.ts' },
  GRAPH_CLIENT_SECRET: { test: 'tests/scenarios/deployedStaffGroup.test.ts', setIn: 'tests/support/fakeGraph.ts' },
  GRAPH_TENANT_ID: { test: 'tests/scenarios/deployedStaffGroup.test.ts', setIn: 'tests/support/fakeGraph.ts' },
  GRAPH_BASE_URL: { test: 'tests/scenarios/deployedStaffGroup.test.ts', setIn: 'tests/support/fakeGraph.ts' },
  GRAPH_ENFORCE_SETTINGS: { test: 'tests/scenarios/meetingSettings.test.ts' },
  SWEEP_INTERVAL_MS: { test: 'tests/scenarios/configContractAlerts.test.ts' },
  LOG_LEVEL: { test: 'tests/scenarios/configContractProcess.test.ts' },
  APPLICATIONINSIGHTS_CONNECTION_STRING: { test: 'tests/runtime/telemetry.test.ts' },
};

/** Settings whose effect no local test can see yet, each with why (none today). */
const NOT_YET_PROVEN: Record<string, string> = {};

/** How a test starts the real service: the composition root, the harnesses around it, or the entry point itself. */
const STARTS_SERVICE =
  /\bstartService\(|\bstartTestService\(|\bstartTabTestServer\(|bot\/src\/index\.ts|dist\/index\.js/;

describe('scenarios: configuration contract (every README setting has an observable effect)', () => {
  it("the README's configuration table and the contract list the same settings", () => {
    assert.deepEqual([...readmeSettings()].sort(), [...Object.keys(PROVEN_BY), ...Object.keys(NOT_YET_PROVEN)].sort());
  });

  for (const [name, { test, setIn }] of Object.entries(PROVEN_BY)) {
    it(`${name} is given to the running service by ${test}`, () => {
      assert.ok(existsSync(join(ROOT, test)), `${test} exists`);
      const text = read(test);
      assert.match(text, STARTS_SERVICE, `${test} starts the service through the composition root`);
      assert.match(text, /\bit\(/, `${test} holds tests`);
      const spelledIn = setIn ?? test;
      assert.match(read(spelledIn), new RegExp(`\\b${name}\\b`), `${spelledIn} sets ${name}`);
      if (setIn)
        assert.ok(text.includes(`support/${setIn.split('/').pop()!.replace(/\.ts$/, '.js')}`), `${test} uses ${setIn}`);
    });
  }

  describe('AUTH_ISSUER', () => {
    const TENANT = '0f0e0d0c-0000-4000-8000-00000000a001';
    const teacher = { tenantId: TENANT, aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ms Adams' };
    let issuer: TestTokenIssuer;
    before(async () => (issuer = await startTokenIssuer()));
    after(() => issuer.close());

    /**
     * The tab API's answer to a token whose issuer is a sovereign-cloud style
     * `https://sts.school-cloud.example/<tenant>/`.
     */
    async function statusWith(env: Record<string, string>): Promise<number> {
      const sso = { AAD_APP_CLIENT_ID: issuer.clientId, AAD_APP_TENANT_ID: TENANT, AUTH_JWKS_URI: issuer.jwksUri };
      const config = loadConfig({ PORT: '0', LOG_LEVEL: 'silent', ...sso, ...env });
      const storage = {
        connectionString: (await sharedAzurite()).connectionString,
        tablePrefix: uniqueTableName('iss'),
      };
      const service = await startService({ config, storage, logger: memoryLogger(), sweep: false });
      try {
        const token = await issuer.mintWithClaims(teacher, { iss: `https://sts.school-cloud.example/${TENANT}/` });
        return (
          await fetch(`${service.url}/api/meetings/no-such-lesson/status`, {
            headers: { authorization: `Bearer ${token}` },
          })
        ).status;
      } finally {
        await service.stop();
      }
    }

    it('a token from the configured issuer (with {tenantid}) signs her in: 403 (not on a staff list), not 401', async () => {
      assert.equal(await statusWith({ AUTH_ISSUER: 'https://sts.school-cloud.example/{tenantid}/' }), 403);
    });

    it("control: without AUTH_ISSUER the same token is refused with 401 (only Entra's issuers are accepted)", async () => {
      assert.equal(await statusWith({}), 401);
    });
  });
});
