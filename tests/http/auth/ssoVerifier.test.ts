import assert from 'node:assert/strict';
import sinon from 'sinon';
import { AuthError, createSsoVerifier, type SsoVerifier } from '../../../bot/src/http/auth/ssoVerifier.js';
import { FOREIGN_TENANT, startTokenIssuer, type TestTokenIssuer, type TokenKind } from '../../support/tokenIssuer.js';

const TENANT = '0f0e0d0c-0000-4000-8000-00000000a001';
const TEACHER = { tenantId: TENANT, aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001', name: 'Ms Adams' };

describe('http/auth/ssoVerifier', () => {
  let issuer: TestTokenIssuer;
  let verifier: SsoVerifier;

  before(async () => {
    issuer = await startTokenIssuer();
    verifier = createSsoVerifier({
      clientId: issuer.clientId,
      allowedTenants: [TENANT],
      jwksUri: issuer.jwksUri,
      domain: 'chaperone.example.org',
    });
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
      await assert.rejects(
        verifier.verify(await issuer.mint(TEACHER, kind)),
        (err: unknown) => err instanceof AuthError && err.reason.startsWith(reason),
      );
    });
  }

  it('accepts the v1 issuer form (sts.windows.net) for an allowed tenant', async () => {
    const token = await issuer.mintWithClaims(TEACHER, { iss: `https://sts.windows.net/${TENANT}/` });
    assert.equal((await verifier.verify(token)).tenantId, TENANT);
  });

  it("refuses a token whose issuer is not the tenant's Entra issuer", async () => {
    const token = await issuer.mintWithClaims(TEACHER, {
      iss: `https://login.microsoftonline.com/${FOREIGN_TENANT}/v2.0`,
    });
    await assert.rejects(
      verifier.verify(token),
      (err: unknown) => err instanceof AuthError && err.reason.startsWith('claim iss'),
    );
  });

  it('refuses text that is not a JWT, without echoing it', async () => {
    await assert.rejects(
      verifier.verify('not-a-token'),
      (err: unknown) => err instanceof AuthError && !err.message.includes('not-a-token'),
    );
  });

  it('will not start without a client id or an allowed tenant', () => {
    assert.throws(() => createSsoVerifier({ clientId: '', allowedTenants: [TENANT] }), /AAD_APP_CLIENT_ID/);
    assert.throws(() => createSsoVerifier({ clientId: 'x', allowedTenants: [] }), /AAD_APP_TENANT_ID/);
  });

  describe('remembering verified tokens', () => {
    it('refuses an expired token even though it was verified (and remembered) while valid: injected clock', async () => {
      let now = Date.now();
      const cached = createSsoVerifier({
        clientId: issuer.clientId,
        allowedTenants: [TENANT],
        jwksUri: issuer.jwksUri,
        now: () => now,
      });
      const exp = Math.floor(now / 1000) + 600;
      const token = await issuer.mintWithClaims(TEACHER, { exp });
      assert.deepEqual(await cached.verify(token), TEACHER);
      now = exp * 1000 - 1;
      assert.deepEqual(await cached.verify(token), TEACHER, 'still valid: answered');
      // Past exp plus the 60 s skew allowance, the signature check itself refuses it as well.
      now = exp * 1000 + 61_000;
      await assert.rejects(
        cached.verify(token),
        (err: unknown) => err instanceof AuthError && err.reason === 'expired',
      );
    });

    it('refuses an expired token that was remembered earlier: sinon fake clock', async () => {
      const clock = sinon.useFakeTimers({ now: Date.now(), toFake: ['Date'] });
      try {
        const cached = createSsoVerifier({
          clientId: issuer.clientId,
          allowedTenants: [TENANT],
          jwksUri: issuer.jwksUri,
        });
        const token = await issuer.mint(TEACHER);
        assert.deepEqual(await cached.verify(token), TEACHER);
        clock.tick(2 * 3600_000);
        await assert.rejects(
          cached.verify(token),
          (err: unknown) => err instanceof AuthError && err.reason === 'expired',
        );
      } finally {
        clock.restore();
      }
    });

    it('answers a token from memory only until its exp, without the skew allowance', async () => {
      let now = Date.now();
      // No skew allowed here, so the remembered answer and a fresh check must agree exactly at exp.
      const strict = createSsoVerifier({
        clientId: issuer.clientId,
        allowedTenants: [TENANT],
        jwksUri: issuer.jwksUri,
        clockToleranceSeconds: 0,
        now: () => now,
      });
      const exp = Math.floor(now / 1000) + 300;
      const token = await issuer.mintWithClaims(TEACHER, { exp });
      await strict.verify(token);
      now = exp * 1000;
      await assert.rejects(
        strict.verify(token),
        (err: unknown) => err instanceof AuthError && err.reason === 'expired',
      );
    });

    it("gives each tenant's token its own identity, even for the same person", async () => {
      const OTHER = '0f0e0d0c-0000-4000-8000-00000000b002';
      const both = createSsoVerifier({
        clientId: issuer.clientId,
        allowedTenants: [TENANT, OTHER],
        jwksUri: issuer.jwksUri,
      });
      const home = await issuer.mint(TEACHER);
      const away = await issuer.mint({ ...TEACHER, tenantId: OTHER });
      assert.equal((await both.verify(home)).tenantId, TENANT);
      assert.equal((await both.verify(away)).tenantId, OTHER);
      assert.equal((await both.verify(home)).tenantId, TENANT);
    });

    it('still refuses a forged token after the genuine one was remembered', async () => {
      const token = await issuer.mint(TEACHER);
      await verifier.verify(token);
      const [header, payload, signature] = token.split('.');
      const flipped = `${signature!.slice(0, -2)}${signature!.endsWith('AA') ? 'BB' : 'AA'}`;
      await assert.rejects(verifier.verify(`${header}.${payload}.${flipped}`), AuthError);
    });
  });
});
