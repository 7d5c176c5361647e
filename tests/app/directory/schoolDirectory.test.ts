import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { SchoolDirectory } from '../../../bot/src/app/directory/schoolDirectory.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';

const tenantId = 'school-tenant';
const policy = policyFromPreset('strict');

function makeSut(options: Partial<ConstructorParameters<typeof SchoolDirectory>[0]> = {}) {
  return new SchoolDirectory({ policyFor: () => policy, now: () => 0, ...options });
}

describe('app/directory/SchoolDirectory', () => {
  it('a guest from another tenant is never staff, even if listed (DESIGN.md section 3)', async () => {
    const directory = makeSut({ staffList: { staff: ['x'], dsl: [] } });
    assert.equal(await directory.classify({ tenantId, aadObjectId: 'x', teamsId: '29:x', userTenantId: 'other-tenant', meetingRole: 'Organizer' }), 'guest');
  });

  it('an anonymous participant (no Entra id) is unknown, which counts as a pupil', async () => {
    assert.equal(await makeSut().classify({ tenantId, teamsId: '29:anon', meetingRole: 'Attendee' }), 'unknown');
  });

  it('the staff list decides when configured; the meeting role then never makes a pupil staff', async () => {
    const directory = makeSut({ staffList: { staff: ['t1'], dsl: ['d1'] } });
    assert.equal(await directory.classify({ tenantId, aadObjectId: 't1', teamsId: '29:t1' }), 'staff');
    assert.equal(await directory.classify({ tenantId, aadObjectId: 'd1', teamsId: '29:d1' }), 'staff');
    assert.equal(await directory.classify({ tenantId, aadObjectId: 'p1', teamsId: '29:p1', meetingRole: 'Organizer' }), 'pupil');
  });

  it('without a list, only the organizer is staff; presenters only when trusted', async () => {
    const plain = makeSut();
    assert.equal(await plain.classify({ tenantId, aadObjectId: 'o', teamsId: '29:o', meetingRole: 'Organizer' }), 'staff');
    assert.equal(await plain.classify({ tenantId, aadObjectId: 'p', teamsId: '29:p', meetingRole: 'Presenter' }), 'pupil');
    assert.equal(await makeSut({ trustPresenters: true }).classify({ tenantId, aadObjectId: 'p', teamsId: '29:p', meetingRole: 'Presenter' }), 'staff');
  });

  it('asks the staff group once and reuses the answer within the cache window', async () => {
    const isStaff = sinon.stub().resolves(true);
    let now = 0;
    const directory = makeSut({ staffGroup: { isStaff }, now: () => now, cacheMs: 1000 });
    await directory.classify({ tenantId, aadObjectId: 'g', teamsId: '29:g' });
    await directory.classify({ tenantId, aadObjectId: 'g', teamsId: '29:g' });
    sinon.assert.calledOnce(isStaff);
    now = 2000;
    await directory.classify({ tenantId, aadObjectId: 'g', teamsId: '29:g' });
    sinon.assert.calledTwice(isStaff);
  });

  it('lists DSLs from the policy and the staff list without duplicates', async () => {
    const withContacts = policyFromPreset('strict', { dsl: { contacts: [{ name: 'W. Fletcher', aadObjectId: 'd1' }] } });
    const directory = new SchoolDirectory({ policyFor: () => withContacts, now: () => 0, staffList: { staff: [], dsl: ['d1', 'd2'] } });
    assert.deepEqual((await directory.listDsls(tenantId)).map((d) => d.aadObjectId), ['d1', 'd2']);
    assert.equal(await directory.isDsl(tenantId, 'd2'), true);
    assert.equal(await directory.isDsl(tenantId, 't1'), false);
  });
});
