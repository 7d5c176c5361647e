import { strict as assert } from 'node:assert';
import { execFileSync } from 'node:child_process';
import { join, resolve } from 'node:path';

const ROOT = resolve(import.meta.dirname, '..', '..');
const SCHOOL = '11111111-1111-4111-8111-111111111111';
const PARTNER = '22222222-2222-4222-8222-222222222222';

/** Runs the provision step the way the toolkit's `script` action does: env values in the environment. */
function audienceFor(env: Record<string, string>): string {
  const { AAD_APP_TENANT_ID: _t, AAD_APP_ALLOWED_TENANTS: _a, ...rest } = process.env;
  const stdout = execFileSync(process.execPath, [join(ROOT, 'infra/signInAudience.mjs')], {
    cwd: ROOT,
    env: { ...rest, ...env },
    encoding: 'utf8',
  });
  // How the toolkit reads a step's outputs (::set-teamsfx-env NAME=value).
  const outputs = Array.from(stdout.matchAll(/::set-teamsfx-env\s+(\w+)=([^"'\s]+)/g), (m) => [m[1], m[2]]);
  assert.equal(outputs.length, 1, stdout);
  assert.equal(outputs[0]?.[0], 'AAD_APP_SIGN_IN_AUDIENCE');
  return outputs[0]?.[1] ?? '';
}

describe('infra: the sign-in audience follows AAD_APP_ALLOWED_TENANTS', () => {
  it('keeps one school single-tenant: none, empty, or only its own tenant listed', () => {
    assert.equal(audienceFor({ AAD_APP_TENANT_ID: SCHOOL, AAD_APP_ALLOWED_TENANTS: 'none' }), 'AzureADMyOrg');
    assert.equal(audienceFor({ AAD_APP_TENANT_ID: SCHOOL, AAD_APP_ALLOWED_TENANTS: '' }), 'AzureADMyOrg');
    assert.equal(
      audienceFor({ AAD_APP_TENANT_ID: SCHOOL, AAD_APP_ALLOWED_TENANTS: ` ${SCHOOL.toUpperCase()} ,` }),
      'AzureADMyOrg',
    );
    assert.equal(audienceFor({ AAD_APP_TENANT_ID: SCHOOL }), 'AzureADMyOrg');
  });

  it('makes the app multi-tenant as soon as another tenant may sign in', () => {
    assert.equal(audienceFor({ AAD_APP_TENANT_ID: SCHOOL, AAD_APP_ALLOWED_TENANTS: PARTNER }), 'AzureADMultipleOrgs');
    assert.equal(
      audienceFor({ AAD_APP_TENANT_ID: SCHOOL, AAD_APP_ALLOWED_TENANTS: `${SCHOOL},${PARTNER}` }),
      'AzureADMultipleOrgs',
    );
  });
});
