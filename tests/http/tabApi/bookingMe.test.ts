import { strict as assert } from 'node:assert';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import { OTHER_TENANT, PEOPLE, SCHOOL_TENANT } from '../../support/tabServer.js';
import { SLT, useBookingApi } from './bookingApi.js';

const STRICT_RULES = {
  minHoursAhead: 48,
  maxPupilMinutes: 20,
  schoolHours: { start: '09:00', end: '15:00', days: [1, 2, 3, 4, 5] },
  timeZone: 'Europe/London',
};
const senior = { id: SLT, name: 'Mrs Senior' };
/** Where the tab asks the teacher's consent: the tab's Entra app at the public cloud's authority, in her tenant. */
const consentIn = (tenantId: string, clientId: string) => ({
  clientId,
  tenantId,
  authorityHost: 'https://login.microsoftonline.com',
});

describe('http/tabApi/bookings: GET /api/bookings/me, what the form shows (real service)', function () {
  this.timeout(60_000);

  describe('booking set up, the strict preset', () => {
    const api = useBookingApi();

    it('a teacher: her name, she can book, she cannot book at shorter notice, the school rules, and where to consent', async () => {
      const { status, body } = await api.get('/api/bookings/me');
      assert.equal(status, 200);
      assert.deepEqual(body, {
        name: 'Ms Adams',
        canBook: true,
        canOverrideNotice: false,
        rules: STRICT_RULES,
        consent: consentIn(SCHOOL_TENANT, api.tab.issuer!.clientId),
      });
    });

    it('a senior leader may book at shorter notice', async () => {
      const { body } = await api.get('/api/bookings/me', senior);
      assert.deepEqual(body, {
        name: 'Mrs Senior',
        canBook: true,
        canOverrideNotice: true,
        rules: STRICT_RULES,
        consent: consentIn(SCHOOL_TENANT, api.tab.issuer!.clientId),
      });
    });

    it('staff only: no token is 401, a pupil is 403', async () => {
      assert.equal((await fetch(`${api.tab.base}/api/bookings/me`)).status, 401);
      const pupil = await api.get('/api/bookings/me', PEOPLE.pupil1);
      assert.equal(pupil.status, 403);
      assert.equal((pupil.body as { error: { code: string } }).error.code, 'staffOnly');
    });

    it("in the trust's other school: a senior leader here is only staff there; someone not on its staff list is 403", async () => {
      const there = await api.get('/api/bookings/me', senior, OTHER_TENANT);
      assert.equal(there.status, 200);
      assert.equal((there.body as { canOverrideNotice: boolean }).canOverrideNotice, false);
      // Consent is given in the teacher's own tenant, where the exchange for her Graph token happens.
      assert.deepEqual((there.body as { consent: unknown }).consent, consentIn(OTHER_TENANT, api.tab.issuer!.clientId));
      assert.equal((await api.get('/api/bookings/me', PEOPLE.teacherB, OTHER_TENANT)).status, 403);
    });
  });

  describe('booking not set up (no AAD_APP_CLIENT_SECRET)', () => {
    const api = useBookingApi({ exchange: false });

    it('says the teacher cannot book, and offers no consent prompt', async () => {
      const { body } = await api.get('/api/bookings/me');
      assert.deepEqual(body, { name: 'Ms Adams', canBook: false, canOverrideNotice: false, rules: STRICT_RULES });
    });
  });

  describe('a policy with no notice, school hours or time limit (the home-school preset)', () => {
    const api = useBookingApi({ policy: policyFromPreset('home-school') });

    it('says so with null, never a rule the school does not have', async () => {
      const { body } = await api.get('/api/bookings/me');
      assert.deepEqual((body as { rules: unknown }).rules, {
        minHoursAhead: 0,
        maxPupilMinutes: null,
        schoolHours: null,
        timeZone: 'Europe/London',
      });
    });
  });
});
