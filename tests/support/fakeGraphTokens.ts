/**
 * The fake's sign-in endpoints: Entra's client-credentials token endpoint and App Service's managed
 * identity endpoint (api-version 2019-08-01), each issuing `fake-token-N` bearer tokens, and the
 * tenant's OpenID configuration that MSAL reads before its first token request.
 */
import type { RecordedRequest, ScriptedReply } from './fakeGraph.js';

/** What issuing a token needs from the fake. */
interface TokenIssuer {
  tokensIssued: number;
  readonly identityHeader: string;
}

/** `POST /{tenant}/oauth2/v2.0/token` with the client-credentials grant. */
export function clientCredentialsToken(fake: Pick<TokenIssuer, 'tokensIssued'>, req: RecordedRequest): ScriptedReply {
  const form = req.body as Record<string, string>;
  if (form.grant_type !== 'client_credentials' || !form.client_id || !form.client_secret)
    return { status: 400, body: { error: 'invalid_request' } };
  fake.tokensIssued++;
  return {
    status: 200,
    body: {
      token_type: 'Bearer',
      expires_in: 3599,
      ext_expires_in: 3599,
      access_token: `fake-token-${fake.tokensIssued}`,
    },
  };
}

/** App Service: GET with `resource`, optional `client_id`, and the secret header. */
export function managedIdentityToken(fake: TokenIssuer, req: RecordedRequest): ScriptedReply {
  if (req.method !== 'GET' || req.identityHeader !== fake.identityHeader)
    return { status: 401, body: { error: 'unauthorized' } };
  if (req.query['api-version'] !== '2019-08-01' || !req.query.resource)
    return { status: 400, body: { error: 'invalid_request' } };
  fake.tokensIssued++;
  const expiresOn = Math.floor(Date.now() / 1000) + 3600;
  return {
    status: 200,
    body: {
      access_token: `fake-token-${fake.tokensIssued}`,
      expires_on: String(expiresOn),
      resource: req.query.resource,
      token_type: 'Bearer',
    },
  };
}

/** `GET /{tenant}/v2.0/.well-known/openid-configuration`: Entra's v2.0 endpoints of `tenant` at `origin`. */
export function openIdConfiguration(origin: string, tenant: string): ScriptedReply {
  const at = `${origin}/${tenant}`;
  return {
    status: 200,
    body: {
      token_endpoint: `${at}/oauth2/v2.0/token`,
      token_endpoint_auth_methods_supported: ['client_secret_post', 'private_key_jwt', 'client_secret_basic'],
      jwks_uri: `${at}/discovery/v2.0/keys`,
      response_modes_supported: ['query', 'fragment', 'form_post'],
      subject_types_supported: ['pairwise'],
      id_token_signing_alg_values_supported: ['RS256'],
      response_types_supported: ['code', 'id_token', 'code id_token', 'id_token token'],
      scopes_supported: ['openid', 'profile', 'email', 'offline_access'],
      issuer: `${at}/v2.0`,
      request_uri_parameter_supported: false,
      authorization_endpoint: `${at}/oauth2/v2.0/authorize`,
      device_authorization_endpoint: `${at}/oauth2/v2.0/devicecode`,
      end_session_endpoint: `${at}/oauth2/v2.0/logout`,
      tenant_region_scope: 'EU',
      cloud_instance_name: new URL(origin).host,
    },
  };
}
