import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { loadConfig } from '../bot/src/config.js';

const SCHOOL = '11111111-1111-4111-8111-111111111111';
const PARTNER = '22222222-2222-4222-8222-222222222222';
const TRUST = '33333333-3333-4333-8333-333333333333';

const tenantsFor = (env: NodeJS.ProcessEnv): string[] => loadConfig(env).auth.allowedTenants;

describe('config: which tenants may sign in to the side panel', () => {
  it("is the school's own tenant when no further tenants are listed", () => {
    assert.deepEqual(tenantsFor({ AAD_APP_TENANT_ID: SCHOOL }), [SCHOOL]);
  });

  it("keeps the school's own tenant when AAD_APP_ALLOWED_TENANTS lists others (it adds, never replaces)", () => {
    assert.deepEqual(tenantsFor({ AAD_APP_TENANT_ID: SCHOOL, AAD_APP_ALLOWED_TENANTS: `${PARTNER}, ${TRUST}` }), [
      SCHOOL,
      PARTNER,
      TRUST,
    ]);
  });

  it('lists a tenant once however often and in whatever case it is given', () => {
    const env = {
      AAD_APP_TENANT_ID: SCHOOL.toUpperCase(),
      AAD_APP_ALLOWED_TENANTS: ` ${SCHOOL},${PARTNER},,${PARTNER.toUpperCase()} `,
    };
    assert.deepEqual(tenantsFor(env), [SCHOOL, PARTNER]);
  });

  it('works from the allowed list alone when the school tenant is not set', () => {
    assert.deepEqual(tenantsFor({ AAD_APP_ALLOWED_TENANTS: PARTNER }), [PARTNER]);
    assert.deepEqual(tenantsFor({}), []);
  });

  it('always holds the school tenant and every listed tenant, each exactly once', () => {
    const tenant = fc.uuid().map((id) => id.toLowerCase());
    fc.assert(
      fc.property(tenant, fc.array(tenant, { maxLength: 5 }), (school, others) => {
        const allowed = tenantsFor({ AAD_APP_TENANT_ID: school, AAD_APP_ALLOWED_TENANTS: others.join(',') });
        assert.equal(allowed[0], school);
        assert.deepEqual(new Set(allowed), new Set([school, ...others]));
        assert.equal(allowed.length, new Set(allowed).size);
      }),
    );
  });
});
