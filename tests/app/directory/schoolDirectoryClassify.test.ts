import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { SchoolDirectory } from '../../../bot/src/app/directory/schoolDirectory.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';

const tenantId = 'school-tenant';
const policy = policyFromPreset('strict');

function makeSut(options: Partial<ConstructorParameters<typeof SchoolDirectory>[0]> = {}) {
  return new SchoolDirectory({ policyFor: () => policy, ...options });
}

describe('app/directory/SchoolDirectory', () => {
  it('a guest from another tenant is never staff, even if listed (DESIGN.md section 3)', async () => {
    const directory = makeSut({ staffList: { staff: ['x'], dsl: [] } });
    assert.equal(
      await directory.classify({
        tenantId,
        aadObjectId: 'x',
        teamsId: '29:x',
        userTenantId: 'other-tenant',
        meetingRole: 'Organizer',
      }),
      'guest',
    );
  });

  it('an anonymous participant (no Entra id) is unknown, which counts as a pupil', async () => {
    assert.equal(await makeSut().classify({ tenantId, teamsId: '29:anon', meetingRole: 'Attendee' }), 'unknown');
  });

  it('the staff list decides when configured; the meeting role then never makes a pupil staff', async () => {
    const directory = makeSut({ staffList: { staff: ['t1'], dsl: ['d1'] } });
    assert.equal(await directory.classify({ tenantId, aadObjectId: 't1', teamsId: '29:t1' }), 'staff');
    assert.equal(await directory.classify({ tenantId, aadObjectId: 'd1', teamsId: '29:d1' }), 'staff');
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'p1', teamsId: '29:p1', meetingRole: 'Organizer' }),
      'pupil',
    );
  });

  it('without a list, only the organizer is staff; presenters only when trusted', async () => {
    const plain = makeSut();
    assert.equal(
      await plain.classify({ tenantId, aadObjectId: 'o', teamsId: '29:o', meetingRole: 'Organizer' }),
      'staff',
    );
    assert.equal(
      await plain.classify({ tenantId, aadObjectId: 'p', teamsId: '29:p', meetingRole: 'Presenter' }),
      'pupil',
    );
    assert.equal(
      await makeSut({ trustPresenters: true }).classify({
        tenantId,
        aadObjectId: 'p',
        teamsId: '29:p',
        meetingRole: 'Presenter',
      }),
      'staff',
    );
  });

  it('with only a staff group, a second teacher (not the organizer) is staff and a pupil is a pupil', async () => {
    const lookup = sinon.stub().callsFake(async (_tenant: string, id: string) => (id === 't2' ? 'staff' : 'notStaff'));
    const directory = makeSut({ staffGroup: { lookup, health: () => ({ staffDetection: 'ok' }) } });
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 't2', teamsId: '29:t2', meetingRole: 'Attendee' }),
      'staff',
    );
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'p1', teamsId: '29:p1', meetingRole: 'Attendee' }),
      'pupil',
    );
    // An organizer the group says is not staff stays a pupil: the organizer rule never overrides an answer.
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'p2', teamsId: '29:p2', meetingRole: 'Organizer' }),
      'pupil',
    );
    sinon.assert.calledWith(lookup, tenantId, 't2');
  });

  it('the staff list is asked before the group; a listed person costs no group lookup', async () => {
    const lookup = sinon.stub().resolves('notStaff');
    const directory = makeSut({
      staffList: { staff: ['t1'], dsl: [] },
      staffGroup: { lookup, health: () => ({ staffDetection: 'ok' }) },
    });
    assert.equal(await directory.classify({ tenantId, aadObjectId: 't1', teamsId: '29:t1' }), 'staff');
    sinon.assert.notCalled(lookup);
  });

  it('when the group cannot answer, only the organizer rule stands in; everyone else is a pupil, and health passes through', async () => {
    const health = { staffDetection: 'degraded: Microsoft Graph failed (503).' as const };
    const directory = makeSut({ staffGroup: { lookup: sinon.stub().resolves('unknown'), health: () => health } });
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'o', teamsId: '29:o', meetingRole: 'Organizer' }),
      'staff',
    );
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 't2', teamsId: '29:t2', meetingRole: 'Presenter' }),
      'pupil',
    );
    assert.equal(
      await directory.classify({ tenantId, aadObjectId: 'p', teamsId: '29:p', meetingRole: 'Attendee' }),
      'pupil',
    );
    assert.deepEqual(directory.health(), health);
    assert.deepEqual(makeSut().health(), { staffDetection: 'ok' });
  });

  it('lists DSLs from the policy and the staff list without duplicates', async () => {
    const withContacts = policyFromPreset('strict', {
      dsl: { contacts: [{ name: 'W. Fletcher', aadObjectId: 'd1' }] },
    });
    const directory = new SchoolDirectory({
      policyFor: () => withContacts,
      staffList: { staff: [], dsl: ['d1', 'd2'] },
    });
    assert.deepEqual(
      (await directory.listDsls(tenantId)).map((d) => d.aadObjectId),
      ['d1', 'd2'],
    );
    assert.equal(await directory.isDsl(tenantId, 'd2'), true);
    assert.equal(await directory.isDsl(tenantId, 't1'), false);
  });
});
