import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import sinon from 'sinon';
import { SchoolDirectory } from '../../../bot/src/app/directory/schoolDirectory.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';

const policy = policyFromPreset('strict');

describe('app/directory/SchoolDirectory', () => {
  describe("per tenant: a school's lists never answer for another tenant", () => {
    const HOME = 'aaaaaaaa-0000-4000-8000-00000000000a';
    const SECOND = 'bbbbbbbb-0000-4000-8000-00000000000b';
    const THIRD = 'cccccccc-0000-4000-8000-00000000000c';
    const withContact = policyFromPreset('strict', {
      dsl: { contacts: [{ name: 'Policy Lead', aadObjectId: 'policy-dsl' }] },
    });
    const trust = {
      staff: ['home-t'],
      dsl: ['home-d'],
      names: { 'home-d': 'Home Lead' },
      tenants: { [SECOND]: { staff: ['second-t'], dsl: ['second-d'], names: { 'second-d': 'Second Lead' } } },
    };
    const ids = async (directory: SchoolDirectory, tenant: string) =>
      (await directory.listDsls(tenant)).map((d) => d.aadObjectId);

    it("with the home tenant known: the flat lists and the policy's contacts are the home school's; a second school has only its own", async () => {
      const directory = new SchoolDirectory({
        policyFor: () => withContact,
        staffList: trust,
        homeTenantId: HOME.toUpperCase(),
      });
      assert.deepEqual(await directory.listDsls(HOME), [
        { aadObjectId: 'policy-dsl', name: 'Policy Lead' },
        { aadObjectId: 'home-d', name: 'Home Lead' },
      ]);
      assert.deepEqual(await directory.listDsls(SECOND.toUpperCase()), [
        { aadObjectId: 'second-d', name: 'Second Lead' },
      ]);
      assert.deepEqual(
        await ids(directory, THIRD),
        [],
        "an allowed tenant with no lists of its own gets nobody else's DSL",
      );
      assert.equal(await directory.isDsl(SECOND, 'home-d'), false);
      assert.equal(await directory.isDsl(HOME, 'second-d'), false);
    });

    it("staff counts only in its own school's meetings", async () => {
      const directory = new SchoolDirectory({ policyFor: () => policy, staffList: trust, homeTenantId: HOME });
      const person = (tenant: string, id: string) =>
        directory.classify({ tenantId: tenant, aadObjectId: id, teamsId: `29:${id}`, meetingRole: 'Attendee' });
      assert.deepEqual(
        [await person(HOME, 'home-t'), await person(HOME, 'home-d'), await person(HOME, 'second-t')],
        ['staff', 'staff', 'pupil'],
      );
      const inSecond = [
        await person(SECOND, 'second-t'),
        await person(SECOND, 'second-d'),
        await person(SECOND, 'home-t'),
        await person(SECOND, 'home-d'),
      ];
      assert.deepEqual(inSecond, ['staff', 'staff', 'pupil', 'pupil']);
    });

    it('the Entra staff group is asked for the home tenant only; a tenant with no lists falls back to the organizer rule', async () => {
      const lookup = sinon.stub().resolves('staff');
      const directory = new SchoolDirectory({
        policyFor: () => policy,
        staffList: trust,
        homeTenantId: HOME,
        staffGroup: { lookup, health: () => ({ staffDetection: 'ok' }) },
      });
      assert.equal(await directory.classify({ tenantId: HOME, aadObjectId: 'x', teamsId: '29:x' }), 'staff');
      assert.equal(await directory.classify({ tenantId: SECOND, aadObjectId: 'y', teamsId: '29:y' }), 'pupil');
      assert.equal(
        await directory.classify({ tenantId: THIRD, aadObjectId: 'z', teamsId: '29:z', meetingRole: 'Organizer' }),
        'staff',
      );
      assert.equal(
        await directory.classify({ tenantId: THIRD, aadObjectId: 'w', teamsId: '29:w', meetingRole: 'Attendee' }),
        'pupil',
      );
      sinon.assert.calledOnceWithExactly(lookup, HOME, 'x');
    });

    it('in local mode (no home tenant) the flat lists serve every tenant without an entry of its own, and never one with', async () => {
      const directory = new SchoolDirectory({ policyFor: () => withContact, staffList: trust });
      assert.deepEqual(await ids(directory, THIRD), ['policy-dsl', 'home-d']);
      assert.deepEqual(await ids(directory, SECOND), ['second-d']);
    });

    it('a home tenant listed both ways gets both', async () => {
      const both = { staff: [], dsl: ['home-d'], tenants: { [HOME]: { staff: [], dsl: ['home-d2'] } } };
      assert.deepEqual(
        await ids(new SchoolDirectory({ policyFor: () => policy, staffList: both, homeTenantId: HOME }), HOME),
        ['home-d', 'home-d2'],
      );
    });

    it('property: whichever tenant is home, a DSL listed only for one tenant is never returned for another', async () => {
      const tenant = fc.uuid().map((t) => t.toLowerCase());
      await fc.assert(
        fc.asyncProperty(
          tenant,
          tenant,
          fc.uniqueArray(fc.uuid(), { minLength: 2, maxLength: 6 }),
          fc.integer({ min: 0, max: 2 }),
          async (a, b, people, homeIs) => {
            fc.pre(a !== b);
            const [aDsl, ...bDsls] = people;
            const list = {
              staff: [],
              dsl: [],
              tenants: { [a]: { staff: [], dsl: [aDsl!] }, [b]: { staff: [], dsl: bDsls } },
            };
            const directory = new SchoolDirectory({
              policyFor: () => policy,
              staffList: list,
              ...(homeIs === 2 ? {} : { homeTenantId: [a, b][homeIs] }),
            });
            assert.deepEqual(await ids(directory, a), [aDsl]);
            assert.deepEqual(await ids(directory, b), bDsls);
          },
        ),
      );
    });
  });
});
