import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { GraphClient } from '../../bot/src/graph/graphClient.js';
import {
  GraphPermissionError,
  GraphRequestError,
  GraphUnavailableError,
} from '../../bot/src/app/meetingControl/ports.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';

const requires = { permission: 'OnlineMeetings.ReadWrite.All', adminSteps: [] };
const meetingPath = /^\/v1\.0\/users\/u1\/onlineMeetings\/m1$/;

describe('graph/graphClient', () => {
  let fake: FakeGraph;
  useFakeGraph((started) => {
    fake = started;
    fake.meetings.set('m1', { organizerId: 'u1', meeting: { id: 'm1' } });
  });

  function makeSut(
    options: { maxRetries?: number; maxRetryWaitMs?: number; timeoutMs?: number; baseUrl?: string } = {},
  ) {
    const sleep = sinon.stub().resolves();
    const client = new GraphClient({
      baseUrl: fake.graphBaseUrl,
      tokens: { getToken: async () => 'fake-token-1' },
      sleep,
      ...options,
    });
    return { client, sleep };
  }

  it('sends the bearer token and returns the parsed body', async () => {
    const { client } = makeSut();
    const response = await client.send<{ id: string }>({
      method: 'GET',
      path: '/users/u1/onlineMeetings/m1',
      requires,
    });
    assert.deepEqual(response, { status: 200, body: { id: 'm1' } });
    assert.equal(fake.requests[0]!.authorization, 'Bearer fake-token-1');
  });

  it('honours Retry-After on 429, then succeeds (the wait asked for is the one requested)', async () => {
    fake.script('GET', meetingPath, {
      status: 429,
      headers: { 'retry-after': '7' },
      body: { error: { code: 'TooManyRequests' } },
    });
    const { client, sleep } = makeSut();
    const response = await client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires });
    assert.equal(response.status, 200);
    assert.deepEqual(sleep.args, [[7000]]);
    assert.equal(fake.graphRequests('GET', meetingPath).length, 2);
  });

  it('honours Retry-After on 503 and caps a long wait', async () => {
    fake.script('GET', meetingPath, { status: 503, headers: { 'retry-after': '3600' } });
    const { client, sleep } = makeSut({ maxRetryWaitMs: 20_000 });
    await client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires });
    assert.deepEqual(sleep.args, [[20_000]]);
  });

  it('gives up after the bounded retries on 500 with GraphUnavailableError', async () => {
    fake.script('PATCH', meetingPath, ...Array.from({ length: 5 }, () => ({ status: 500 })));
    const { client, sleep } = makeSut({ maxRetries: 2 });
    await assert.rejects(
      client.send({ method: 'PATCH', path: '/users/u1/onlineMeetings/m1', body: {}, requires }),
      (e: unknown) => e instanceof GraphUnavailableError && e.status === 500,
    );
    assert.equal(fake.graphRequests('PATCH', meetingPath).length, 3);
    assert.equal(sleep.callCount, 2);
  });

  it('never retries a POST that failed with 500 (it may have been carried out)', async () => {
    fake.script('POST', /^\/v1\.0\/communications\/calls$/, { status: 500 });
    const { client, sleep } = makeSut();
    await assert.rejects(
      client.send({ method: 'POST', path: '/communications/calls', body: {}, requires }),
      GraphUnavailableError,
    );
    assert.equal(sleep.callCount, 0);
  });

  it('maps 403 to GraphPermissionError carrying the requirement, without retrying', async () => {
    fake.script('GET', meetingPath, {
      status: 403,
      body: { error: { code: 'Forbidden', message: 'App is not authorized' } },
    });
    const { client, sleep } = makeSut();
    await assert.rejects(
      client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires }),
      (e: unknown) =>
        e instanceof GraphPermissionError &&
        e.status === 403 &&
        e.graphCode === 'Forbidden' &&
        e.requirement === requires,
    );
    assert.equal(sleep.callCount, 0);
  });

  it('a 403 without the access-policy wording (the bare refusal of a missing app role) is a missing permission', async () => {
    fake.script('GET', meetingPath, { status: 403, body: { error: { code: 'Forbidden', message: '' } } });
    await assert.rejects(
      makeSut().client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires }),
      (e: unknown) => e instanceof GraphPermissionError && e.missing === 'permission',
    );
  });

  const rscRefusal =
    'Application is not allowed to perform operations on the user u1, neither is allowed access through RSC permission evaluation.';

  it("Graph's access-policy refusals (403 General, 403 Forbidden, 404, the older wordings) are a missing access policy, not a missing permission", async () => {
    const replies = [
      {
        status: 403,
        body: { error: { code: 'General', message: 'No application access policy found for this app.' } },
      },
      {
        status: 403,
        body: { error: { code: 'Forbidden', message: 'No Application Access Policy found for this app' } },
      },
      {
        status: 404,
        body: { error: { code: 'NotFound', message: 'No application access policy found for this app.' } },
      },
      {
        status: 403,
        body: {
          error: { code: 'Unauthorized', message: 'App a1 is not authorized to Get meeting on behalf of user u1' },
        },
      },
      { status: 403, body: { error: { code: 'Forbidden', message: rscRefusal } } },
    ];
    fake.script('GET', meetingPath, ...replies);
    const { client, sleep } = makeSut();
    for (const reply of replies) {
      await assert.rejects(
        client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires }),
        (e: unknown) =>
          e instanceof GraphPermissionError &&
          e.missing === 'accessPolicy' &&
          e.status === reply.status &&
          !e.message.includes('u1'),
      );
    }
    assert.equal(sleep.callCount, 0);
  });

  it('does not retry other 4xx', async () => {
    fake.script('GET', meetingPath, { status: 400, body: { error: { code: 'BadRequest' } } });
    const { client, sleep } = makeSut();
    await assert.rejects(
      client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires }),
      (e: unknown) => e instanceof GraphRequestError && e.graphCode === 'BadRequest',
    );
    assert.equal(sleep.callCount, 0);
    assert.equal(fake.graphRequests('GET', meetingPath).length, 1);
  });

  it('times out a request that hangs and reports Graph unavailable', async () => {
    fake.script('GET', meetingPath, { status: 200, body: {}, delayMs: 2000 });
    const { client } = makeSut({ timeoutMs: 50, maxRetries: 0 });
    await assert.rejects(client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires }), /timed out/);
  });

  it('reports Graph unavailable when nothing listens', async () => {
    const { client, sleep } = makeSut({ baseUrl: 'http://127.0.0.1:1/v1.0', maxRetries: 1 });
    await assert.rejects(
      client.send({ method: 'GET', path: '/users/u1/onlineMeetings/m1', requires }),
      GraphUnavailableError,
    );
    assert.equal(sleep.callCount, 1);
  });

  it('follows @odata.nextLink to read every page', async () => {
    fake.script(
      'GET',
      /^\/v1\.0\/things$/,
      { status: 200, body: { value: [1, 2], '@odata.nextLink': `${fake.graphBaseUrl}/things?page=2` } },
      { status: 200, body: { value: [3] } },
    );
    const { client } = makeSut();
    assert.deepEqual(await client.getAll('/things', requires), [1, 2, 3]);
  });
});
