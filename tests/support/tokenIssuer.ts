import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import { createDevTokenSigner, type DevTokenSigner, type DevTokenSubject } from '../../bot/src/dev/devTokens.js';

/** The kinds of token a test can ask for. */
export type TokenKind = 'valid' | 'expired' | 'wrongAudience' | 'wrongTenant' | 'badSignature' | 'algNone';

/** A local Entra stand-in: its own JWKS server on 127.0.0.1 and a signer for good and bad tokens. */
export interface TestTokenIssuer {
  /** Where the verifier fetches keys (`AUTH_JWKS_URI`). */
  jwksUri: string;
  clientId: string;
  mint(subject: DevTokenSubject, kind?: TokenKind): Promise<string>;
  /** A validly signed token with some claims replaced (e.g. another audience or issuer). */
  mintWithClaims(subject: DevTokenSubject, claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

/** A tenant no test allows. */
export const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';

/** Starts a token issuer whose JWKS server listens on a free port. */
export async function startTokenIssuer(clientId = '11111111-aaaa-4bbb-8ccc-000000000001'): Promise<TestTokenIssuer> {
  const signer = await createDevTokenSigner({ clientId });
  // Same key id, different key: a forged token that points at the real key.
  const stranger = await createDevTokenSigner({ clientId, kid: signer.jwks().keys[0]?.kid });
  const server: Server = createServer((req, res) => {
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify(signer.jwks()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    jwksUri: `http://127.0.0.1:${port}/keys`,
    clientId,
    mint: (subject, kind = 'valid') => mintKind(signer, stranger, subject, kind),
    mintWithClaims: (subject, claims) => signer.mint(subject, claims),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function mintKind(signer: DevTokenSigner, stranger: DevTokenSigner, subject: DevTokenSubject, kind: TokenKind): Promise<string> {
  const past = Math.floor(Date.now() / 1000) - 7200;
  switch (kind) {
    case 'valid':
      return signer.mint(subject);
    case 'expired':
      return signer.mint(subject, { iat: past, nbf: past, exp: past + 3600 });
    case 'wrongAudience':
      return signer.mint(subject, { aud: 'api://someone-else' });
    case 'wrongTenant':
      return signer.mint({ ...subject, tenantId: FOREIGN_TENANT });
    case 'badSignature':
      return stranger.mint(subject);
    case 'algNone': {
      const [, payload] = (await signer.mint(subject)).split('.');
      const header = Buffer.from(JSON.stringify({ alg: 'none', typ: 'JWT' })).toString('base64url');
      return `${header}.${payload}.`;
    }
  }
}
