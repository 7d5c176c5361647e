import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { CachedStaffGroup } from '../../../bot/src/app/directory/cachedStaffGroup.js';
import type {
  StaffAnswerStore,
  StaffGroupMembership,
  StoredStaffAnswer,
} from '../../../bot/src/app/directory/staffGroup.js';
import { GraphPermissionError, GraphUnavailableError } from '../../../bot/src/app/meetingControl/ports.js';

const tenantId = 'school-tenant';
const HOUR = 3_600_000;
const staffIds = new Set(['t1', 't2']);

/** A store in memory, as the Table adapter behaves. */
function memoryStore(): StaffAnswerStore & { rows: Map<string, StoredStaffAnswer> } {
  const rows = new Map<string, StoredStaffAnswer>();
  return {
    rows,
    get: async (tenant, ids) =>
      new Map(ids.filter((id) => rows.has(`${tenant}/${id}`)).map((id) => [id, rows.get(`${tenant}/${id}`)!])),
    put: async (tenant, answers) => {
      for (const [id, answer] of answers) rows.set(`${tenant}/${id}`, answer);
    },
  };
}

function makeSut() {
  const clock = { t: 10 * HOUR };
  const check = sinon
    .stub<Parameters<StaffGroupMembership['check']>, ReturnType<StaffGroupMembership['check']>>()
    .callsFake(async (_tenant, ids) => ({ answers: new Map(ids.map((id) => [id, staffIds.has(id)])) }));
  const store = memoryStore();
  const logger = { info: sinon.stub(), warn: sinon.stub() };
  const group = new CachedStaffGroup({
    membership: { check },
    store,
    ttlMs: HOUR,
    now: () => clock.t,
    logger,
    pauseAfterFailureMs: 30_000,
  });
  return { group, check, store, clock, logger };
}

describe('app/directory/CachedStaffGroup', () => {
  it('answers staff and not staff from the directory and reports ok', async () => {
    const { group } = makeSut();
    assert.equal(await group.lookup(tenantId, 't1'), 'staff');
    assert.equal(await group.lookup(tenantId, 'p1'), 'notStaff');
    assert.deepEqual(group.health(), { staffDetection: 'ok' });
  });

  it('asks once for a class joining at once: 25 concurrent lookups are one round with every id', async () => {
    const { group, check } = makeSut();
    const ids = ['t1', ...Array.from({ length: 24 }, (_, i) => `p${i}`)];
    const answers = await Promise.all(ids.map((id) => group.lookup(tenantId, id)));
    sinon.assert.calledOnce(check);
    assert.deepEqual([...check.firstCall.args[1]].sort(), [...ids].sort());
    assert.equal(answers.filter((a) => a === 'staff').length, 1);
  });

  it('lookups made while a round is out wait for the next round, together', async () => {
    const { group, check } = makeSut();
    const first = group.lookup(tenantId, 'p0');
    await new Promise((resolve) => setImmediate(resolve));
    const later = ['p1', 'p2', 'p3'].map((id) => group.lookup(tenantId, id));
    await Promise.all([first, ...later]);
    sinon.assert.calledTwice(check);
    assert.deepEqual(check.secondCall.args[1], ['p1', 'p2', 'p3']);
  });

  it('reuses an answer for the TTL, from memory or from the shared store, then asks again', async () => {
    const { group, check, store, clock } = makeSut();
    await group.lookup(tenantId, 't1');
    clock.t += HOUR - 1;
    await group.lookup(tenantId, 't1');
    sinon.assert.calledOnce(check);
    assert.deepEqual(store.rows.get(`${tenantId}/t1`), { staff: true, checkedAt: 10 * HOUR });

    // Another instance (empty memory) on the same store uses the stored answer while it is fresh.
    const other = new CachedStaffGroup({ membership: { check }, store, ttlMs: HOUR, now: () => clock.t });
    assert.equal(await other.lookup(tenantId, 't1'), 'staff');
    sinon.assert.calledOnce(check);

    clock.t += 1;
    await group.lookup(tenantId, 't1');
    sinon.assert.calledTwice(check);
  });

  it('Graph unavailable: an expired stored answer is used, anyone never seen is unknown, and health says degraded', async () => {
    const { group, check, clock, logger } = makeSut();
    await Promise.all([group.lookup(tenantId, 't1'), group.lookup(tenantId, 'p1')]);
    clock.t += 5 * HOUR;
    check.rejects(new GraphUnavailableError('Microsoft Graph kept failing (503) after 3 attempts.', 503));
    assert.equal(await group.lookup(tenantId, 't1'), 'staff');
    assert.equal(await group.lookup(tenantId, 'p1'), 'notStaff');
    assert.equal(await group.lookup(tenantId, 't2'), 'unknown');
    assert.match(group.health().staffDetection, /^degraded: Microsoft Graph kept failing \(503\)/);
    sinon.assert.calledOnce(logger.warn);
  });

  it('after a failure it answers from the store without asking for a pause, then recovers when Graph answers', async () => {
    const { group, check, clock } = makeSut();
    check
      .onFirstCall()
      .rejects(
        new GraphPermissionError(
          { permission: 'User.Read.All and GroupMember.Read.All', adminSteps: [] },
          403,
          'Authorization_RequestDenied',
        ),
      );
    assert.equal(await group.lookup(tenantId, 't1'), 'unknown');
    assert.match(
      group.health().staffDetection,
      /^degraded: .*403 Authorization_RequestDenied.*User\.Read\.All and GroupMember\.Read\.All/,
    );
    clock.t += 29_000;
    assert.equal(await group.lookup(tenantId, 't1'), 'unknown');
    sinon.assert.calledOnce(check);
    clock.t += 2_000;
    assert.equal(await group.lookup(tenantId, 't1'), 'staff');
    assert.deepEqual(group.health(), { staffDetection: 'ok' });
  });

  it('a partial answer keeps what Graph said and degrades for the rest', async () => {
    const { group, check } = makeSut();
    check.callsFake(async () => ({
      answers: new Map([['t1', true]]),
      failure: new GraphUnavailableError('Microsoft Graph failed (429).', 429),
    }));
    const [t1, p1] = await Promise.all([group.lookup(tenantId, 't1'), group.lookup(tenantId, 'p1')]);
    assert.deepEqual([t1, p1], ['staff', 'unknown']);
    assert.match(group.health().staffDetection, /^degraded:/);
  });

  it('storage down: still asks Graph and answers, without failing the lookup', async () => {
    const { check, clock } = makeSut();
    const broken: StaffAnswerStore = {
      get: sinon.stub().rejects(new Error('storage down')),
      put: sinon.stub().rejects(new Error('storage down')),
    };
    const group = new CachedStaffGroup({ membership: { check }, store: broken, ttlMs: HOUR, now: () => clock.t });
    assert.equal(await group.lookup(tenantId, 't2'), 'staff');
    assert.deepEqual(group.health(), { staffDetection: 'ok' });
  });

  it('keeps tenants apart', async () => {
    const { group, check } = makeSut();
    await group.lookup('tenant-a', 't1');
    await group.lookup('tenant-b', 't1');
    sinon.assert.calledTwice(check);
    assert.deepEqual(
      check.args.map((a) => a[0]),
      ['tenant-a', 'tenant-b'],
    );
  });
});
