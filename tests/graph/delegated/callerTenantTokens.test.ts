import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { DelegatedAccessError } from '../../../bot/src/app/booking/ports.js';
import { callerTenantTokens } from '../../../bot/src/graph/delegated/callerTenantTokens.js';
import { ConfigError, loadConfig } from '../../../bot/src/config.js';
import type { OboCredentialFactory } from '../../../bot/src/graph/delegated/delegatedTokens.js';

/** A sign-in token with these claims (the booking routes verified it before the exchange). */
function ssoToken(claims: object): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}.signature`;
}

const app = { AAD_APP_CLIENT_ID: 'tab-app', AAD_APP_CLIENT_SECRET: 'tab-secret' };
const scopes = ['https://graph.microsoft.com/Calendars.ReadWrite'];

/** A credential factory standing in for teamsfx's, answering `delegated:<tenant>`. */
function fakeCredentials() {
  const make = (_sso: string, options: { tenantId: string }) => ({
    getToken: async () => ({ token: `delegated:${options.tenantId}`, expiresOnTimestamp: 0 }),
  });
  return sinon.fake(make as unknown as OboCredentialFactory);
}

describe('graph/delegated/callerTenantTokens: the on-behalf-of exchange from configuration', () => {
  it('exchanges in the tenant of each sign-in token, as the tab app, at AAD_AUTHORITY_HOST', async () => {
    const credentials = fakeCredentials();
    const config = loadConfig({ ...app, AAD_AUTHORITY_HOST: 'https://login.school-cloud.example' });
    const tokens = callerTenantTokens(config, credentials)!;
    assert.equal(await tokens.forUser(ssoToken({ tid: 'school-a', oid: 'khan' }), scopes), 'delegated:school-a');
    assert.equal(await tokens.forUser(ssoToken({ tid: 'school-b', oid: 'osei' }), scopes), 'delegated:school-b');
    assert.deepEqual(credentials.firstCall.args[1], {
      clientId: 'tab-app',
      clientSecret: 'tab-secret',
      tenantId: 'school-a',
      authorityHost: 'https://login.school-cloud.example',
    });
  });

  it('a sign-in token with no tenant: sign in again, nothing exchanged', async () => {
    const credentials = fakeCredentials();
    const tokens = callerTenantTokens(loadConfig(app), credentials)!;
    await assert.rejects(
      tokens.forUser(ssoToken({ oid: 'khan' }), scopes),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'signInAgain',
    );
    await assert.rejects(
      tokens.forUser('not-a-token', scopes),
      (e: unknown) => e instanceof DelegatedAccessError && e.kind === 'signInAgain',
    );
    assert.equal(credentials.callCount, 0);
  });

  it('no exchange without the secret; a secret without its app stops the service with a sentence naming both', () => {
    assert.equal(callerTenantTokens(loadConfig({ AAD_APP_CLIENT_ID: 'tab-app' })), undefined);
    assert.throws(
      () => loadConfig({ AAD_APP_CLIENT_SECRET: 'tab-secret' }),
      (e: unknown) => e instanceof ConfigError && /AAD_APP_CLIENT_SECRET.*AAD_APP_CLIENT_ID/.test(e.message),
    );
  });
});
