import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { startFakeEntraObo, type FakeEntraObo } from '../../support/fakeEntraObo.js';

const ROOT = join(import.meta.dirname, '../../..');
const TLS = (ext: string) => join(ROOT, 'tests/fixtures/tls', `localhost-test.${ext}`);

/** A Teams sign-in token for `oid` (teamsfx decodes it; the tab API verified it before). */
function ssoToken(oid: string): string {
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const exp = Math.floor(Date.now() / 1000) + 3600;
  return `${part({ alg: 'RS256', typ: 'JWT' })}.${part({ exp, oid, tid: 'school-tenant' })}.signature`;
}

/** Runs the production teamsfx exchange in a child that trusts the fake's test certificate. */
function exchangeInChild(
  authority: string,
  tokens: string[],
): Promise<Array<{ token?: string; error?: string; kind?: string }>> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(import.meta.dirname, 'oboExchangeChild.ts')], {
      cwd: ROOT,
      env: {
        ...process.env,
        OBO_AUTHORITY: authority,
        OBO_SSO_TOKENS: JSON.stringify(tokens),
        NODE_EXTRA_CA_CERTS: TLS('crt'),
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (c: Buffer) => (out += c.toString()));
    child.stderr.on('data', (c: Buffer) => (err += c.toString()));
    child.once('exit', (code) => {
      const line = out.trim().split('\n').at(-1) ?? '';
      if (code === 0 && line.startsWith('[')) resolve(JSON.parse(line));
      else reject(new Error(`child exited ${code}: ${err.slice(-2000)}`));
    });
  });
}

describe('graph/delegated: the teamsfx on-behalf-of exchange against a local Entra (https)', function () {
  this.timeout(60_000);
  let entra: FakeEntraObo;
  before(async () => {
    entra = await startFakeEntraObo({ key: readFileSync(TLS('key')), cert: readFileSync(TLS('crt')) });
  });
  after(() => entra.close());

  it('sends the on-behalf-of grant, and maps each refusal Entra documents to what the tab does next', async () => {
    entra.answers.set('mfa-user', 'interactionRequired');
    entra.answers.set('new-user', 'consentRequired');
    entra.answers.set('bad-user', 'badAssertion');
    const outcomes = await exchangeInChild(entra.authorityHost, [
      ssoToken('khan'),
      ssoToken('mfa-user'),
      ssoToken('new-user'),
      ssoToken('bad-user'),
    ]);
    assert.deepEqual(outcomes, [
      { token: 'delegated:khan' },
      { error: 'DelegatedAccessError', kind: 'consentRequired' },
      { error: 'DelegatedAccessError', kind: 'consentRequired' },
      { error: 'DelegatedAccessError', kind: 'signInAgain' },
    ]);
    const first = entra.exchanges[0]!;
    assert.deepEqual(
      [first.tenant, first.grantType, first.requestedTokenUse, first.clientId, first.clientSecret, first.user],
      [
        'school-tenant',
        'urn:ietf:params:oauth:grant-type:jwt-bearer',
        'on_behalf_of',
        'tab-app',
        'not-a-secret',
        'khan',
      ],
    );
    assert.match(first.scope, /https:\/\/graph\.microsoft\.com\/Calendars\.ReadWrite/);
  });
});
