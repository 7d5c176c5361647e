import assert from 'node:assert/strict';
import { AuthError, createSsoVerifier, type SsoVerifier } from '../../../bot/src/http/auth/ssoVerifier.js';
import { FOREIGN_TENANT, startTokenIssuer, type TestTokenIssuer, type TokenKind } from '../../support/tokenIssuer.js';

const TENANT = '0f0e0d0c-0000-4000-8000-00000000a001';
const TEACHER = { tenantId: TENANT, aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ms Adams' };

describe('http/auth/ssoVerifier', () => {
  let issuer: TestTokenIssuer;
  let verifier: SsoVerifier;

  before(async () => {
    issuer = await startTokenIssuer();
    verifier = createSsoVerifier({ clientId: issuer.clientId, allowedTenants: [TENANT], jwksUri: issuer.jwksUri, domain: 'chaperone.example.org' });
  });
  after(() => issuer.close());

  it('accepts a valid Teams SSO token and says who sent it', async () => {
    assert.deepEqual(await verifier.verify(await issuer.mint(TEACHER)), TEACHER);
  });

  it('accepts each audience Teams SSO uses: the client id, api://<domain>/<id> and api://<id>', async () => {
    for (const aud of [issuer.clientId, `api://chaperone.example.org/${issuer.clientId}`, `api://${issuer.clientId}`]) {
      const token = await issuer.mintWithClaims(TEACHER, { aud });
      assert.equal((await verifier.verify(token)).aadObjectId, TEACHER.aadObjectId, aud);
    }
  });

  const refused: Array<[TokenKind, string]> = [
    ['expired', 'expired'],
    ['wrongAudience', 'claim aud'],
    ['wrongTenant', 'tenant not allowed'],
    ['badSignature', 'bad signature'],
    ['algNone', 'algorithm not allowed'],
  ];
  for (const [kind, reason] of refused) {
    it(`refuses a token that is ${kind}`, async () => {
      await assert.rejects(verifier.verify(await issuer.mint(TEACHER, kind)), (err: unknown) => err instanceof AuthError && err.reason.startsWith(reason));
    });
  }

  it('accepts the v1 issuer form (sts.windows.net) for an allowed tenant', async () => {
    const token = await issuer.mintWithClaims(TEACHER, { iss: `https://sts.windows.net/${TENANT}/` });
    assert.equal((await verifier.verify(token)).tenantId, TENANT);
  });

  it('refuses a token whose issuer is not the tenant\'s Entra issuer', async () => {
    const token = await issuer.mintWithClaims(TEACHER, { iss: `https://login.microsoftonline.com/${FOREIGN_TENANT}/v2.0` });
    await assert.rejects(verifier.verify(token), (err: unknown) => err instanceof AuthError && err.reason.startsWith('claim iss'));
  });

  it('refuses text that is not a JWT, without echoing it', async () => {
    await assert.rejects(verifier.verify('not-a-token'), (err: unknown) => err instanceof AuthError && !err.message.includes('not-a-token'));
  });

  it('will not start without a client id or an allowed tenant', () => {
    assert.throws(() => createSsoVerifier({ clientId: '', allowedTenants: [TENANT] }), /AAD_APP_CLIENT_ID/);
    assert.throws(() => createSsoVerifier({ clientId: 'x', allowedTenants: [] }), /AAD_APP_TENANT_ID/);
  });
});
