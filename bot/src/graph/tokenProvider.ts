/**
 * App-only access tokens for Microsoft Graph: the client-credentials grant against a configurable
 * authority host (so tests use a local token endpoint), or an `@azure/identity` credential
 * (managed identity) in production. Tokens are never logged.
 */
import type { TokenCredential } from '@azure/identity';
import { GraphPermissionError, GraphUnavailableError, type GraphRequirement } from '../app/meetingControl/ports.js';

/** Gives a bearer token for Graph, cached until shortly before it expires. */
export interface TokenProvider {
  getToken(): Promise<string>;
}

/** The public Microsoft Entra authority; tests pass a local one. */
export const DEFAULT_AUTHORITY_HOST = 'https://login.microsoftonline.com';
/** App-only tokens ask for the permissions granted to the app registration. */
export const GRAPH_DEFAULT_SCOPE = 'https://graph.microsoft.com/.default';

/** What the admin fixes when Chaperone cannot sign in at all. */
const SIGN_IN: GraphRequirement = {
  permission: 'a working sign-in for the Chaperone app registration',
  adminSteps: [
    "check the app's client id, tenant id and client secret (or the managed identity) in the service configuration, and that the secret has not expired.",
  ],
};

/** Settings for the client-credentials grant. */
export interface ClientCredentialsOptions {
  tenantId: string;
  clientId: string;
  clientSecret: string;
  /** Default {@link DEFAULT_AUTHORITY_HOST}. */
  authorityHost?: string;
  /** Default {@link GRAPH_DEFAULT_SCOPE}. */
  scope?: string;
  /** Per request. Default 10 s. */
  timeoutMs?: number;
  /** Renew this long before expiry. Default 5 minutes. */
  refreshMarginMs?: number;
  now?: () => number;
}

/** POSTs the client-credentials form to `{authorityHost}/{tenant}/oauth2/v2.0/token` and caches the token. */
export function clientCredentialsTokenProvider(options: ClientCredentialsOptions): TokenProvider {
  const now = options.now ?? Date.now;
  const url = `${(options.authorityHost ?? DEFAULT_AUTHORITY_HOST).replace(/\/+$/, '')}/${encodeURIComponent(options.tenantId)}/oauth2/v2.0/token`;
  return cached(now, options.refreshMarginMs ?? 300_000, async () => {
    const form = new URLSearchParams({
      client_id: options.clientId,
      client_secret: options.clientSecret,
      scope: options.scope ?? GRAPH_DEFAULT_SCOPE,
      grant_type: 'client_credentials',
    });
    let response: Response;
    try {
      response = await fetch(url, {
        method: 'POST',
        body: form,
        signal: AbortSignal.timeout(options.timeoutMs ?? 10_000),
      });
    } catch {
      throw new GraphUnavailableError('The Microsoft sign-in service could not be reached.');
    }
    const body = (await response.json().catch(() => ({}))) as {
      access_token?: string;
      expires_in?: number | string;
      error?: string;
    };
    if (response.status >= 400 && response.status < 500)
      throw new GraphPermissionError(SIGN_IN, response.status, body.error, 'signIn');
    if (!response.ok || !body.access_token)
      throw new GraphUnavailableError(`The Microsoft sign-in service failed (${response.status}).`, response.status);
    return { token: body.access_token, expiresAt: now() + Number(body.expires_in ?? 0) * 1000 };
  });
}

/** Adapts an `@azure/identity` credential (e.g. `ManagedIdentityCredential`), which caches on its own. */
export function credentialTokenProvider(
  credential: TokenCredential,
  scope: string = GRAPH_DEFAULT_SCOPE,
): TokenProvider {
  return {
    async getToken() {
      let token;
      try {
        token = await credential.getToken(scope);
      } catch (error) {
        if ((error as Error).name === 'AuthenticationError')
          throw new GraphPermissionError(SIGN_IN, 401, undefined, 'signIn');
        throw new GraphUnavailableError('The managed identity could not get a token for Microsoft Graph.');
      }
      if (!token) throw new GraphUnavailableError('The managed identity returned no token for Microsoft Graph.');
      return token.token;
    },
  };
}

/** Caches one token; concurrent callers share a single fetch. */
function cached(
  now: () => number,
  marginMs: number,
  fetchToken: () => Promise<{ token: string; expiresAt: number }>,
): TokenProvider {
  let current: { token: string; refreshAt: number } | undefined;
  let pending: Promise<string> | undefined;
  return {
    getToken() {
      if (current && now() < current.refreshAt) return Promise.resolve(current.token);
      pending ??= fetchToken()
        .then((fresh) => {
          // A short-lived token is renewed half-way through its life rather than on every call.
          const lifetime = fresh.expiresAt - now();
          current = { token: fresh.token, refreshAt: fresh.expiresAt - Math.min(marginMs, lifetime / 2) };
          return fresh.token;
        })
        .finally(() => {
          pending = undefined;
        });
      return pending;
    },
  };
}
