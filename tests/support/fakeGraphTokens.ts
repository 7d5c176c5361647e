/**
 * The fake's sign-in endpoints: Entra's client-credentials token endpoint and App Service's managed
 * identity endpoint (api-version 2019-08-01), each issuing `fake-token-N` bearer tokens.
 */
import type { RecordedRequest, ScriptedReply } from './fakeGraph.js';

/** What issuing a token needs from the fake. */
interface TokenIssuer {
  tokensIssued: number;
  readonly identityHeader: string;
}

/** `POST /{tenant}/oauth2/v2.0/token` with the client-credentials grant. */
export function clientCredentialsToken(fake: TokenIssuer, req: RecordedRequest): ScriptedReply {
  const form = req.body as Record<string, string>;
  if (form.grant_type !== 'client_credentials' || !form.client_id || !form.client_secret) return { status: 400, body: { error: 'invalid_request' } };
  fake.tokensIssued++;
  return { status: 200, body: { token_type: 'Bearer', expires_in: 3599, ext_expires_in: 3599, access_token: `fake-token-${fake.tokensIssued}` } };
}

/** App Service: GET with `resource`, optional `client_id`, and the secret header. */
export function managedIdentityToken(fake: TokenIssuer, req: RecordedRequest): ScriptedReply {
  if (req.method !== 'GET' || req.identityHeader !== fake.identityHeader) return { status: 401, body: { error: 'unauthorized' } };
  if (req.query['api-version'] !== '2019-08-01' || !req.query.resource) return { status: 400, body: { error: 'invalid_request' } };
  fake.tokensIssued++;
  const expiresOn = Math.floor(Date.now() / 1000) + 3600;
  return { status: 200, body: { access_token: `fake-token-${fake.tokensIssued}`, expires_on: String(expiresOn), resource: req.query.resource, token_type: 'Bearer' } };
}
