import { randomUUID } from 'node:crypto';
import { exportJWK, generateKeyPair, SignJWT, type JWK, type JWTPayload } from 'jose';
import type { Request, Response, Server } from 'restify';

/** Options for {@link createDevTokenSigner}. */
export interface DevTokenSignerOptions {
  /** Audience of minted tokens: the tab's app id (any string locally). */
  clientId: string;
  /** Authority host used to build the issuer, like Entra's v2 issuer; default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  /** Key id in the token header and JWKS; default random (tests reuse one to forge a token signed by another key). */
  kid?: string;
}

/** Who a local token is for. */
export interface DevTokenSubject {
  tenantId: string;
  aadObjectId: string;
  name: string;
}

/** A local-only RS256 signer whose tokens look like Teams SSO tokens. Never used in production. */
export interface DevTokenSigner {
  /** The public key set the verifier fetches (`AUTH_JWKS_URI`). */
  jwks(): { keys: JWK[] };
  /** Signs a token for `subject`; `overrides` replace or add claims (tests use this for bad tokens). */
  mint(subject: DevTokenSubject, overrides?: JWTPayload): Promise<string>;
}

/**
 * Generates a fresh RS256 key pair (at startup; nothing is stored) and mints tokens with the claims
 * Teams SSO tokens carry: aud, iss (Entra v2 form for the tenant), tid, oid, name, iat, exp.
 */
export async function createDevTokenSigner(options: DevTokenSignerOptions): Promise<DevTokenSigner> {
  const { publicKey, privateKey } = await generateKeyPair('RS256', { extractable: true });
  const kid = options.kid ?? randomUUID();
  const publicJwk = { ...(await exportJWK(publicKey)), kid, alg: 'RS256', use: 'sig' };
  const authority = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  return {
    jwks: () => ({ keys: [publicJwk] }),
    async mint(subject, overrides = {}) {
      const now = Math.floor(Date.now() / 1000);
      const claims: JWTPayload = {
        aud: options.clientId,
        iss: `${authority}/${subject.tenantId}/v2.0`,
        tid: subject.tenantId,
        oid: subject.aadObjectId,
        name: subject.name,
        ver: '2.0',
        iat: now,
        nbf: now,
        exp: now + 3600,
        ...overrides,
      };
      return new SignJWT(claims).setProtectedHeader({ alg: 'RS256', kid, typ: 'JWT' }).sign(privateKey);
    },
  };
}

/** Path of the local key set, for `AUTH_JWKS_URI` in local mode. */
export const DEV_JWKS_PATH = '/dev/auth/keys';

/** Mounts the signer's public keys at {@link DEV_JWKS_PATH}; the composition root does this only outside production. */
export function devJwksRoute(server: Server, signer: DevTokenSigner): void {
  server.get(DEV_JWKS_PATH, async (_req: Request, res: Response) => {
    res.json(signer.jwks());
  });
}
