import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import type { JWTPayload } from 'jose';
import { createDevTokenSigner, type DevTokenSigner, type DevTokenSubject } from '../../bot/src/dev/devTokens.js';
import type { ScriptedReply } from './fakeGraph.js';
import { clientCredentialsToken, openIdConfiguration } from './fakeGraphTokens.js';

/** The kinds of token a test can ask for. */
export type TokenKind = 'valid' | 'expired' | 'wrongAudience' | 'wrongTenant' | 'badSignature' | 'algNone';

/**
 * A client-credentials grant the issuer answered: the tenant in its path, the form's client and scope, and the token
 * given.
 */
export interface IssuedToken {
  tenant: string;
  clientId: string;
  scope: string;
  accessToken: string;
}

/**
 * A local Entra stand-in: its own server on 127.0.0.1 and a signer for good and bad tokens. It also
 * answers `/{tenant}/v2.0/.well-known/openid-configuration` and the client-credentials grant at
 * `/{tenant}/oauth2/v2.0/token`, so it can be a service's authority host (`AAD_AUTHORITY_HOST`).
 */
export interface TestTokenIssuer {
  /** Where the verifier fetches keys (`AUTH_JWKS_URI`); every other GET is answered with the keys too. */
  jwksUri: string;
  /** `AAD_AUTHORITY_HOST` for a service that signs in here (HTTPS when started with `tls`). */
  authorityHost: string;
  /** Client-credentials tokens issued, oldest first. */
  issued: IssuedToken[];
  /** Paths of every request received, oldest first. */
  paths: string[];
  clientId: string;
  mint(subject: DevTokenSubject, kind?: TokenKind): Promise<string>;
  /** A validly signed token with some claims replaced (e.g. another audience or issuer). */
  mintWithClaims(subject: DevTokenSubject, claims: JWTPayload): Promise<string>;
  close(): Promise<void>;
}

/** A tenant no test allows. */
export const FOREIGN_TENANT = '99999999-9999-4999-8999-999999999999';

/** Options of {@link startTokenIssuer}. */
export interface TokenIssuerOptions {
  /** Serve HTTPS with this key and certificate (MSAL signs in only at an HTTPS authority). */
  tls?: { key: Buffer; cert: Buffer };
}

/** Starts a token issuer whose server listens on a free port. */
export async function startTokenIssuer(
  clientId = '11111111-aaaa-4bbb-8ccc-000000000001',
  options: TokenIssuerOptions = {},
): Promise<TestTokenIssuer> {
  const signer = await createDevTokenSigner({ clientId });
  // Same key id, different key: a forged token that points at the real key.
  const stranger = await createDevTokenSigner({ clientId, kid: signer.jwks().keys[0]?.kid });
  const issued: IssuedToken[] = [];
  const paths: string[] = [];
  let origin = '';
  const answer = (req: IncomingMessage, form: Record<string, string>): ScriptedReply => {
    const path = new URL(req.url ?? '/', origin).pathname;
    paths.push(path);
    const metadata = path.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
    if (req.method === 'GET' && metadata) return openIdConfiguration(origin, metadata[1]!);
    const token = path.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    if (!token) return { status: 200, body: signer.jwks() };
    const reply = clientCredentialsToken(
      { tokensIssued: issued.length },
      { method: req.method ?? '', path, query: {}, body: form },
    );
    const accessToken = (reply.body as { access_token?: string }).access_token;
    if (accessToken)
      issued.push({ tenant: token[1]!, clientId: form.client_id ?? '', scope: form.scope ?? '', accessToken });
    return reply;
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const reply = answer(req, Object.fromEntries(new URLSearchParams(text)));
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  };
  const server: Server = options.tls
    ? createTlsServer(options.tls, (req, res) => void handle(req, res))
    : createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `${options.tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    jwksUri: `${origin}/keys`,
    authorityHost: origin,
    issued,
    paths,
    clientId,
    mint: (subject, kind = 'valid') => mintKind(signer, stranger, subject, kind),
    mintWithClaims: (subject, claims) => signer.mint(subject, claims),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function mintKind(
  signer: DevTokenSigner,
  stranger: DevTokenSigner,
  subject: DevTokenSubject,
  kind: TokenKind,
): Promise<string> {
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
