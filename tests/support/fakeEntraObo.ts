/**
 * A local fake of the Microsoft Entra token endpoint speaking the on-behalf-of grant: `POST
 * /{tenant}/oauth2/v2.0/token` with `grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer`,
 * `requested_token_use=on_behalf_of`, the client's id and secret, the user's token as `assertion` and
 * the delegated `scope`s; plus the tenant's OpenID metadata, which MSAL reads first. Each user (the
 * assertion's `oid`) can be set to answer as Entra does when the exchange is refused:
 * `interaction_required` (AADSTS50079, multi-factor sign-in), `invalid_grant` with suberror
 * `consent_required` (AADSTS65001, nobody consented), `invalid_grant` for an assertion it cannot accept
 * (AADSTS50013). HTTPS when given a certificate: MSAL signs in only at an https authority.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createTlsServer } from 'node:https';
import type { AddressInfo } from 'node:net';
import { openIdConfiguration } from './fakeGraphTokens.js';

/** How the fake answers one user's exchange. */
export type OboAnswer = 'token' | 'interactionRequired' | 'consentRequired' | 'badAssertion';

/** One exchange the fake received (the assertion itself is not kept). */
export interface OboExchange {
  tenant: string;
  grantType: string;
  requestedTokenUse: string;
  clientId: string;
  clientSecret: string;
  scope: string;
  /** The assertion's `oid`, when it decoded. */
  user?: string;
}

const REFUSALS: Record<
  Exclude<OboAnswer, 'token'>,
  { error: string; code: number; description: string; suberror?: string }
> = {
  interactionRequired: {
    error: 'interaction_required',
    code: 50079,
    description:
      'AADSTS50079: Due to a configuration change made by your administrator, you must use multi-factor authentication.',
    suberror: 'basic_action',
  },
  consentRequired: {
    error: 'invalid_grant',
    code: 65001,
    description:
      'AADSTS65001: The user or administrator has not consented to use the application. Send an interactive authorization request for this user and resource.',
    suberror: 'consent_required',
  },
  badAssertion: {
    error: 'invalid_grant',
    code: 50013,
    description: 'AADSTS50013: Assertion failed signature validation.',
  },
};

/** The running fake. */
export interface FakeEntraObo {
  /** `AAD_AUTHORITY_HOST` for the code under test. */
  authorityHost: string;
  exchanges: OboExchange[];
  /** How each user's exchange is answered (default: a token). */
  answers: Map<string, OboAnswer>;
  close(): Promise<void>;
}

/** Starts the fake on 127.0.0.1 with a free port. */
export async function startFakeEntraObo(tls?: { key: Buffer; cert: Buffer }): Promise<FakeEntraObo> {
  let origin = '';
  const exchanges: OboExchange[] = [];
  const answers = new Map<string, OboAnswer>();
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    let text = '';
    for await (const chunk of req) text += String(chunk);
    const path = new URL(req.url ?? '/', 'http://fake').pathname;
    const metadata = path.match(/^\/([^/]+)\/v2\.0\/\.well-known\/openid-configuration$/);
    const token = path.match(/^\/([^/]+)\/oauth2\/v2\.0\/token$/);
    const reply = metadata
      ? openIdConfiguration(origin, metadata[1]!)
      : token && req.method === 'POST'
        ? exchange(token[1]!, Object.fromEntries(new URLSearchParams(text)))
        : { status: 404, body: { error: 'not_found' } };
    res.writeHead(reply.status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(reply.body));
  };
  const exchange = (tenant: string, form: Record<string, string>): { status: number; body: unknown } => {
    const user = oidOf(form.assertion);
    exchanges.push({
      tenant,
      grantType: form.grant_type ?? '',
      requestedTokenUse: form.requested_token_use ?? '',
      clientId: form.client_id ?? '',
      clientSecret: form.client_secret ?? '',
      scope: form.scope ?? '',
      ...(user ? { user } : {}),
    });
    if (
      form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer' ||
      form.requested_token_use !== 'on_behalf_of'
    )
      return refusal({
        error: 'unsupported_grant_type',
        code: 70003,
        description: 'AADSTS70003: unsupported grant type.',
      });
    if (!user) return refusal(REFUSALS.badAssertion);
    const answer = answers.get(user) ?? 'token';
    if (answer !== 'token') return refusal(REFUSALS[answer]);
    const scope = (form.scope ?? '')
      .split(' ')
      .filter((s) => s !== 'offline_access' && s !== 'openid' && s !== 'profile');
    return {
      status: 200,
      body: {
        token_type: 'Bearer',
        scope: scope.join(' '),
        expires_in: 3599,
        ext_expires_in: 3599,
        access_token: `delegated:${user}`,
      },
    };
  };
  const server = tls
    ? createTlsServer(tls, (req, res) => void handle(req, res))
    : createServer((req, res) => void handle(req, res));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `${tls ? 'https' : 'http'}://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    authorityHost: origin,
    exchanges,
    answers,
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** Entra's error body for a refused token request (HTTP 400). */
function refusal(r: { error: string; code: number; description: string; suberror?: string }) {
  return {
    status: 400,
    body: {
      error: r.error,
      error_description: r.description,
      error_codes: [r.code],
      timestamp: new Date().toISOString().replace('T', ' ').slice(0, 19) + 'Z',
      trace_id: '00000000-0000-4000-8000-000000000001',
      correlation_id: '00000000-0000-4000-8000-000000000002',
      ...(r.suberror ? { suberror: r.suberror } : {}),
    },
  };
}

function oidOf(assertion: string | undefined): string | undefined {
  try {
    const claims = JSON.parse(Buffer.from(assertion?.split('.')[1] ?? '', 'base64url').toString()) as { oid?: unknown };
    return typeof claims.oid === 'string' ? claims.oid : undefined;
  } catch {
    return undefined;
  }
}
