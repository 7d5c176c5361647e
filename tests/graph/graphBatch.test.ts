import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { GraphClient, type GraphRequest } from '../../bot/src/graph/graphClient.js';
import { sendBatch } from '../../bot/src/graph/graphBatch.js';
import {
  GraphPermissionError,
  GraphRequestError,
  GraphUnavailableError,
} from '../../bot/src/app/meetingControl/ports.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';

const requires = { permission: 'User.Read.All and GroupMember.Read.All', adminSteps: [] };
const check = (id: string): GraphRequest => ({
  method: 'POST',
  path: `/users/${id}/checkMemberGroups`,
  body: { groupIds: ['staff'] },
  requires,
  idempotent: true,
});
const memberPath = /^\/v1\.0\/users\/[^/]+\/checkMemberGroups$/;
const batchPath = /^\/v1\.0\/\$batch$/;

describe('graph/graphBatch', () => {
  let fake: FakeGraph;
  useFakeGraph((started) => {
    fake = started;
    for (let i = 0; i < 45; i++) fake.directory.users.add(`u${i}`);
    fake.directory.groups.set('staff', ['u0', 'u21']);
  });

  function makeSut(options: { maxRetries?: number } = {}) {
    const sleep = sinon.stub().resolves();
    return {
      client: new GraphClient({
        baseUrl: fake.graphBaseUrl,
        tokens: { getToken: async () => 'fake-token-1' },
        sleep,
        ...options,
      }),
      sleep,
    };
  }

  it('sends n requests in ceil(n/20) batch calls and answers each in order', async () => {
    const { client } = makeSut();
    const ids = Array.from({ length: 45 }, (_, i) => `u${i}`);
    const results = await sendBatch<{ value: string[] }>(client, ids.map(check));
    assert.equal(fake.graphRequests('POST', batchPath).length, 3);
    assert.equal(fake.graphRequests('POST', memberPath).length, 0);
    assert.equal(fake.batchedRequests.length, 45);
    const staff = results.flatMap((r, i) => (!(r instanceof Error) && r.body?.value.includes('staff') ? [ids[i]] : []));
    assert.deepEqual(staff, ['u0', 'u21']);
  });

  it('sends again only the items throttled inside a batch, after their Retry-After', async () => {
    fake.script('POST', memberPath, {
      status: 429,
      headers: { 'Retry-After': '7' },
      body: { error: { code: 'TooManyRequests' } },
    });
    const { client, sleep } = makeSut();
    const results = await sendBatch(client, ['u0', 'u1', 'u2'].map(check));
    assert.ok(results.every((r) => !(r instanceof Error) && r.status === 200));
    assert.deepEqual(sleep.args, [[7000]]);
    const batches = fake
      .graphRequests('POST', batchPath)
      .map((r) => (r.body as { requests: unknown[] }).requests.length);
    assert.deepEqual(batches, [3, 1]);
  });

  it('gives up on an item still throttled after the retries, keeping the others', async () => {
    fake.script(
      'POST',
      /^\/v1\.0\/users\/u0\/checkMemberGroups$/,
      ...Array.from({ length: 3 }, () => ({ status: 503, headers: { 'retry-after': '1' } })),
    );
    const { client, sleep } = makeSut({ maxRetries: 2 });
    const [first, second] = await sendBatch(client, ['u0', 'u1'].map(check));
    assert.ok(first instanceof GraphUnavailableError && first.status === 503);
    assert.ok(!(second instanceof Error));
    assert.equal(sleep.callCount, 2);
  });

  it('maps an item refused (403) or unknown (404) to its typed error, without retrying', async () => {
    fake.script('POST', /^\/v1\.0\/users\/u1\/checkMemberGroups$/, {
      status: 403,
      body: { error: { code: 'Authorization_RequestDenied' } },
    });
    const { client, sleep } = makeSut();
    const [ok, refused, missing] = await sendBatch(client, ['u0', 'u1', 'nobody'].map(check));
    assert.ok(!(ok instanceof Error));
    assert.ok(
      refused instanceof GraphPermissionError &&
        refused.status === 403 &&
        refused.graphCode === 'Authorization_RequestDenied',
    );
    assert.ok(missing instanceof GraphRequestError && missing.status === 404);
    assert.equal(sleep.callCount, 0);
  });

  it("reads an item's error message only to tell a missing access policy from a missing permission", async () => {
    fake.script('POST', /^\/v1\.0\/users\/u1\/checkMemberGroups$/, {
      status: 403,
      body: { error: { code: 'General', message: 'No application access policy found for this app.' } },
    });
    fake.script('POST', /^\/v1\.0\/users\/u2\/checkMemberGroups$/, {
      status: 403,
      body: { error: { code: 'Forbidden', message: 'Insufficient privileges to complete the operation.' } },
    });
    const [, policy, permission] = await sendBatch(makeSut().client, ['u0', 'u1', 'u2'].map(check));
    assert.ok(policy instanceof GraphPermissionError && policy.missing === 'accessPolicy');
    assert.ok(permission instanceof GraphPermissionError && permission.missing === 'permission');
  });

  it('rejects when the batch call itself is refused, and retries a batch of reads that failed with 500', async () => {
    fake.script('POST', batchPath, { status: 500 });
    const { client } = makeSut();
    assert.equal((await sendBatch(client, [check('u0')])).length, 1);
    assert.equal(fake.graphRequests('POST', batchPath).length, 2);
    fake.script('POST', batchPath, { status: 401, body: { error: { code: 'InvalidAuthenticationToken' } } });
    await assert.rejects(sendBatch(client, [check('u0')]), GraphPermissionError);
  });
});
