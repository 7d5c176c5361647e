import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { CachedStaffGroup } from '../../bot/src/app/directory/cachedStaffGroup.js';
import { SchoolDirectory } from '../../bot/src/app/directory/schoolDirectory.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import { GraphClient } from '../../bot/src/graph/graphClient.js';
import { GraphStaffGroup } from '../../bot/src/graph/graphStaffGroup.js';
import { TableDirectoryCache } from '../../bot/src/storage/tableDirectoryCache.js';
import { freshTables } from '../storage/storageFixtures.js';
import { useFakeGraph, type FakeGraph } from '../support/fakeGraph.js';

const tenantId = 'school-tenant';
const HOUR = 3_600_000;
const memberPath = /^\/v1\.0\/users\/[^/]+\/checkMemberGroups$/;
const batchPath = /^\/v1\.0\/\$batch$/;
const pupils = Array.from({ length: 24 }, (_, i) => `pupil-${i}`);

describe('graph/graphStaffGroup: the staff group through Graph, cached in Table Storage', () => {
  let fake: FakeGraph;
  useFakeGraph((started) => {
    fake = started;
    for (const id of ['khan', 'osei', 'head', ...pupils]) fake.directory.users.add(id);
    // Transitive: Mr Osei is staff through the teaching-staff group nested in the all-staff group.
    fake.directory.groups.set('all-staff', ['khan', 'teaching-staff']);
    fake.directory.groups.set('teaching-staff', ['osei']);
  });

  async function makeSut(options: { maxRetries?: number; timeoutMs?: number } = {}) {
    const clock = { t: 100 * HOUR };
    const sleep = sinon.stub().resolves();
    const client = new GraphClient({
      baseUrl: fake.graphBaseUrl,
      tokens: { getToken: async () => 'fake-token-1' },
      sleep,
      ...options,
    });
    const store = new TableDirectoryCache((await freshTables()).directoryCache);
    const membership = new GraphStaffGroup(client, 'all-staff');
    const group = new CachedStaffGroup({ membership, store, ttlMs: HOUR, now: () => clock.t });
    const directory = new SchoolDirectory({ staffGroup: group, policyFor: () => policyFromPreset('strict') });
    return { clock, sleep, store, membership, group, directory };
  }

  it('finds direct and nested members, and says no for a pupil and for someone not in the directory', async () => {
    const { membership } = await makeSut();
    const { answers, failure } = await membership.check(tenantId, ['khan', 'osei', 'pupil-0', 'stranger']);
    assert.equal(failure, undefined);
    assert.deepEqual(
      answers,
      new Map([
        ['khan', true],
        ['osei', true],
        ['pupil-0', false],
        ['stranger', false],
      ]),
    );
    assert.deepEqual(fake.batchedRequests[0]!.body, { groupIds: ['all-staff'] });
    assert.equal(fake.batchedRequests[0]!.path, '/v1.0/users/khan/checkMemberGroups');
  });

  it('with ONLY a staff group, a second teacher (not the organizer) is staff and a pupil is a pupil', async () => {
    const { directory } = await makeSut();
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'osei', teamsId: '29:osei', meetingRole: 'Attendee' }),
      'staff',
    );
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'pupil-3', teamsId: '29:p3', meetingRole: 'Attendee' }),
      'pupil',
    );
  });

  it('a class of 25 joining at once costs at most ceil(25/20) = 2 Graph requests', async () => {
    const { directory } = await makeSut();
    const join = (id: string) =>
      directory.classify({ tenantId, aadObjectId: id, teamsId: `29:${id}`, meetingRole: 'Attendee' });
    const roles = await Promise.all(['khan', ...pupils].map(join));
    assert.deepEqual(roles.filter((r) => r === 'staff').length, 1);
    assert.equal(fake.graphRequests('POST', batchPath).length, 2);
    assert.equal(fake.graphRequests('POST', memberPath).length, 0);
  });

  it('429 with Retry-After inside the batch, then success: answered, waited as asked, still ok', async () => {
    const { group, sleep } = await makeSut();
    fake.script('POST', memberPath, {
      status: 429,
      headers: { 'Retry-After': '3' },
      body: { error: { code: 'TooManyRequests' } },
    });
    assert.equal(await group.lookup(tenantId, 'khan'), 'staff');
    assert.deepEqual(sleep.args, [[3000]]);
    assert.deepEqual(group.health(), { staffDetection: 'ok' });
  });

  it('answers from the table within the TTL (another instance, no Graph call), and asks Graph again after it', async () => {
    const { group, store, clock } = await makeSut();
    await group.lookup(tenantId, 'khan');
    const client = new GraphClient({ baseUrl: fake.graphBaseUrl, tokens: { getToken: async () => 'fake-token-1' } });
    const other = new CachedStaffGroup({
      membership: new GraphStaffGroup(client, 'all-staff'),
      store,
      ttlMs: HOUR,
      now: () => clock.t,
    });
    clock.t += HOUR - 1;
    assert.equal(await other.lookup(tenantId, 'khan'), 'staff');
    assert.equal(fake.graphRequests('POST', batchPath).length, 1);
    clock.t += 1;
    assert.equal(await other.lookup(tenantId, 'khan'), 'staff');
    assert.equal(fake.graphRequests('POST', batchPath).length, 2);
  });

  it('503 that does not stop: the expired stored answer is used, a new teacher counts as a pupil, health is degraded', async () => {
    const { group, directory, clock } = await makeSut({ maxRetries: 1 });
    assert.equal(await group.lookup(tenantId, 'khan'), 'staff');
    clock.t += 3 * HOUR;
    fake.script('POST', batchPath, { status: 503 }, { status: 503 });
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'khan', teamsId: '29:khan', meetingRole: 'Attendee' }),
      'staff',
    );
    assert.match(group.health().staffDetection, /^degraded: Microsoft Graph kept failing \(503\)/);
    // Never staff because Graph failed: Mr Osei has no stored answer, so he counts as a pupil for now.
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'osei', teamsId: '29:osei', meetingRole: 'Attendee' }),
      'pupil',
    );
  });

  it('Graph that hangs: the lookup ends at the client deadline as unknown (a pupil), and health is degraded', async () => {
    const { group } = await makeSut({ maxRetries: 0, timeoutMs: 50 });
    fake.script('POST', batchPath, { status: 200, body: { responses: [] }, delayMs: 2000 });
    assert.equal(await group.lookup(tenantId, 'osei'), 'unknown');
    assert.match(group.health().staffDetection, /^degraded: .*timed out/);
  });

  it('403 (permission missing): degraded with what to grant; the organizer rule and the staff file still work', async () => {
    const { group, clock } = await makeSut();
    const refused = { status: 403, body: { error: { code: 'Authorization_RequestDenied' } } };
    fake.script('POST', memberPath, refused, refused);
    const directory = new SchoolDirectory({
      staffGroup: group,
      staffList: { staff: ['head'], dsl: [] },
      policyFor: () => policyFromPreset('strict'),
    });
    const [organizer, listed] = await Promise.all([
      directory.classify({ tenantId, aadObjectId: 'khan', teamsId: '29:khan', meetingRole: 'Organizer' }),
      directory.classify({ tenantId, aadObjectId: 'osei', teamsId: '29:osei', meetingRole: 'Attendee' }),
    ]);
    assert.deepEqual([organizer, listed], ['staff', 'pupil']);
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'head', teamsId: '29:head', meetingRole: 'Attendee' }),
      'staff',
    );
    const refusal =
      /^degraded: Microsoft Graph refused the request \(403 Authorization_RequestDenied\): the app needs User\.Read\.All and GroupMember\.Read\.All/;
    assert.match(directory.health().staffDetection, refusal);
    clock.t += 60_000;
    assert.equal(await group.lookup(tenantId, 'osei'), 'staff');
    assert.deepEqual(directory.health(), { staffDetection: 'ok' });
  });
});
