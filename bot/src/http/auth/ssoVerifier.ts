import { createRemoteJWKSet, decodeJwt, errors as joseErrors, jwtVerify, type JWTPayload } from 'jose';
import { VerifiedTokens } from './verifiedTokens.js';

/** Options for {@link createSsoVerifier}; the defaults fit Microsoft Entra ID. */
export interface SsoVerifierOptions {
  /** The tab's Entra app (client) id, `AAD_APP_CLIENT_ID`: the token's audience. */
  clientId: string;
  /** Tenants whose staff may call the API; a token from any other tenant is refused. */
  allowedTenants: string[];
  /** Host the tab is served from, for the `api://<domain>/<clientId>` audience (optional). */
  domain?: string;
  /** Entra authority, `AAD_AUTHORITY_HOST`; default `https://login.microsoftonline.com`. */
  authorityHost?: string;
  /**
   * Where signing keys are fetched, `AUTH_JWKS_URI`; default the tenant's Entra keys. Tests point it at a local issuer.
   */
  jwksUri?: string;
  /** Expected issuer, `AUTH_ISSUER`, with `{tenantid}` for the tenant; default Entra's v2 and v1 issuers. */
  issuer?: string;
  /** Seconds of clock skew tolerated on `exp`/`nbf`; default 60. */
  clockToleranceSeconds?: number;
  /** How many verified tokens to remember until their expiry (0 turns the cache off); default 1,000. */
  cachedTokens?: number;
  /** The clock for expiry checks (epoch ms); default the system clock. Tests pass their own. */
  now?: () => number;
}

/** Who called, from a verified token. */
export interface Caller {
  tenantId: string;
  /** The caller's Entra object id (`oid`). */
  aadObjectId: string;
  /** Display name from the token; never logged. */
  name: string;
}

/** A token that was refused; `reason` is for logs and never holds token content. */
export class AuthError extends Error {
  override name = 'AuthError';
  constructor(readonly reason: string) {
    super(`Teams SSO token refused: ${reason}`);
  }
}

/** Verifies Teams SSO bearer tokens. */
export interface SsoVerifier {
  /**
   * Verifies a raw token (without `Bearer `) and says who sent it; throws {@link AuthError}. `connection` is the socket
   * it came on: the same token again on the same connection is recognised more cheaply.
   */
  verify(token: string, connection?: object): Promise<Caller>;
}

/**
 * Teams SSO token validation: RS256 signature against the tenant's published keys, audience (the
 * client id, `api://<domain>/<clientId>` or `api://<clientId>`), issuer for an allowed tenant,
 * expiry, and an `oid`. jose does the cryptography; this says what Entra's tokens must look like.
 * A token that passed is remembered (by its hash) until it expires, so polling stays cheap.
 */
export function createSsoVerifier(options: SsoVerifierOptions): SsoVerifier {
  if (!options.clientId)
    throw new Error("Set AAD_APP_CLIENT_ID to the tab's Entra app id so sign-in tokens can be checked.");
  if (options.allowedTenants.length === 0)
    throw new Error("Set AAD_APP_TENANT_ID (or AAD_APP_ALLOWED_TENANTS) so only your school's staff can sign in.");
  const authority = (options.authorityHost ?? 'https://login.microsoftonline.com').replace(/\/+$/, '');
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  const audiences = [
    options.clientId,
    `api://${options.clientId}`,
    ...(options.domain ? [`api://${options.domain}/${options.clientId}`] : []),
  ];
  // One key set per tenant (only allowed tenants ever reach here, so the cache stays small).
  const keySets = new Map<string, ReturnType<typeof createRemoteJWKSet>>();
  const keysFor = (tenantId: string): ReturnType<typeof createRemoteJWKSet> => {
    const uri = options.jwksUri ?? `${authority}/${tenantId}/discovery/v2.0/keys`;
    let set = keySets.get(uri);
    if (!set) {
      set = createRemoteJWKSet(new URL(uri), { timeoutDuration: 5000, cooldownDuration: 30_000 });
      keySets.set(uri, set);
    }
    return set;
  };
  const issuersFor = (tenantId: string): string[] =>
    options.issuer
      ? [options.issuer.replace('{tenantid}', tenantId)]
      : [`${authority}/${tenantId}/v2.0`, `https://sts.windows.net/${tenantId}/`];

  const now = options.now ?? (() => Date.now());
  const verified = new VerifiedTokens(options.cachedTokens ?? 1_000);

  return {
    async verify(token: string, connection?: object): Promise<Caller> {
      const at = now();
      const known = verified.get(token, at, connection);
      if (known) return known;
      const tenantId = unverifiedTenant(token);
      if (!allowed.has(tenantId.toLowerCase())) throw new AuthError('tenant not allowed');
      let payload: JWTPayload;
      try {
        ({ payload } = await jwtVerify(token, keysFor(tenantId), {
          algorithms: ['RS256'],
          audience: audiences,
          issuer: issuersFor(tenantId),
          clockTolerance: options.clockToleranceSeconds ?? 60,
          currentDate: new Date(at),
          requiredClaims: ['exp', 'iat', 'tid', 'oid'],
        }));
      } catch (err) {
        throw new AuthError(describeJoseError(err));
      }
      const oid = payload['oid'];
      if (typeof oid !== 'string' || oid === '' || payload['tid'] !== tenantId)
        throw new AuthError('missing oid or tid');
      const name = typeof payload['name'] === 'string' ? payload['name'] : '';
      const caller: Caller = { tenantId, aadObjectId: oid, name };
      // Remembered only until the token's own `exp` (no skew allowance), so a cached answer is never more lenient.
      verified.remember(token, caller, (payload.exp ?? 0) * 1000, at, connection);
      return caller;
    },
  };
}

/** The `tid` claim, read before verification only to pick the tenant's keys and issuer. */
function unverifiedTenant(token: string): string {
  let claims: JWTPayload;
  try {
    claims = decodeJwt(token);
  } catch {
    throw new AuthError('not a JWT');
  }
  const tid = claims['tid'];
  if (typeof tid !== 'string' || !/^[0-9a-fA-F-]{36}$/.test(tid)) throw new AuthError('missing or malformed tid');
  return tid;
}

function describeJoseError(err: unknown): string {
  if (err instanceof joseErrors.JWTExpired) return 'expired';
  if (err instanceof joseErrors.JWTClaimValidationFailed) return `claim ${err.claim} ${err.reason}`;
  if (err instanceof joseErrors.JOSEAlgNotAllowed) return 'algorithm not allowed';
  if (err instanceof joseErrors.JWSSignatureVerificationFailed) return 'bad signature';
  if (err instanceof joseErrors.JWKSNoMatchingKey) return 'no matching signing key';
  if (err instanceof joseErrors.JOSEError) return err.code;
  return 'verification failed';
}
