import { strict as assert } from 'node:assert';
import type { TokenCredential } from '@azure/identity';
import { clientCredentialsTokenProvider, credentialTokenProvider } from '../../bot/src/graph/tokenProvider.js';
import { GraphPermissionError, GraphUnavailableError } from '../../bot/src/app/meetingControl/ports.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';

describe('graph/tokenProvider', () => {
  let fake: FakeGraph;
  useFakeGraph((started) => {
    fake = started;
  });

  function makeSut(now: { t: number }, secret = 's3cret') {
    return clientCredentialsTokenProvider({
      tenantId: 'tenant-1',
      clientId: 'app-1',
      clientSecret: secret,
      authorityHost: fake.authorityHost,
      now: () => now.t,
    });
  }

  it('posts the client-credentials form to {authority}/{tenant}/oauth2/v2.0/token', async () => {
    const token = await makeSut({ t: 0 }).getToken();
    assert.match(token, /^fake-token-\d+$/);
    assert.equal(fake.requests[0]!.path, '/tenant-1/oauth2/v2.0/token');
    assert.deepEqual(fake.requests[0]!.body, {
      client_id: 'app-1',
      client_secret: 's3cret',
      scope: 'https://graph.microsoft.com/.default',
      grant_type: 'client_credentials',
    });
  });

  it('caches the token until shortly before it expires, sharing one fetch between concurrent callers', async () => {
    const now = { t: 0 };
    const tokens = makeSut(now);
    const [a, b] = await Promise.all([tokens.getToken(), tokens.getToken()]);
    now.t = 3000 * 1000; // 50 minutes into a 3599 s token
    const c = await tokens.getToken();
    assert.equal(fake.requests.length, 1);
    assert.ok(a === b && b === c);
    now.t = 3400 * 1000; // inside the renewal margin
    assert.notEqual(await tokens.getToken(), a);
    assert.equal(fake.requests.length, 2);
  });

  it('maps a refused sign-in (400/401) to GraphPermissionError with the error code', async () => {
    fake.script('POST', /oauth2/, {
      status: 401,
      body: { error: 'invalid_client', error_description: 'secret expired' },
    });
    await assert.rejects(
      makeSut({ t: 0 }).getToken(),
      (e: unknown) => e instanceof GraphPermissionError && e.graphCode === 'invalid_client',
    );
  });

  it('maps a sign-in outage to GraphUnavailableError', async () => {
    fake.script('POST', /oauth2/, { status: 503 });
    await assert.rejects(makeSut({ t: 0 }).getToken(), GraphUnavailableError);
  });

  it('adapts an @azure/identity credential (managed identity) for the Graph scope', async () => {
    const scopes: unknown[] = [];
    const credential: TokenCredential = {
      getToken: async (scope) => {
        scopes.push(scope);
        return { token: 'mi-token', expiresOnTimestamp: Date.now() + 3_600_000 };
      },
    };
    assert.equal(await credentialTokenProvider(credential).getToken(), 'mi-token');
    assert.deepEqual(scopes, ['https://graph.microsoft.com/.default']);
    const broken: TokenCredential = { getToken: async () => null };
    await assert.rejects(credentialTokenProvider(broken).getToken(), GraphUnavailableError);
  });
});
