import { strict as assert } from 'node:assert';
import { PEOPLE, startTabTestServer, type TabTestServer } from '../../support/tabServer.js';
import { form, HOUR, NOW, useBookingApi, type ApiAnswer } from './bookingApi.js';

const NOT_SET_UP =
  'Booking lessons from Chaperone is not set up for your school yet; book this lesson in Teams for now and ask your IT team to turn it on.';

describe('http/tabApi/bookings: booking is set up by AAD_APP_CLIENT_SECRET (real service)', function () {
  this.timeout(60_000);

  describe('without AAD_APP_CLIENT_SECRET', () => {
    const api = useBookingApi({ exchange: false });

    it('checks still answer, but booking answers 503 bookingNotSetUp, for the teacher and for IT; nothing is created', async () => {
      const check = await api.post('/api/bookings/check', form());
      assert.equal(check.status, 200);
      assert.deepEqual(check.body.problems, []);
      const { status, body } = await api.post('/api/bookings', { ...form(), clientRequestId: 'not-set-up-01' });
      assert.equal(status, 503);
      assert.equal(body.error.code, 'bookingNotSetUp');
      assert.equal(body.error.message, NOT_SET_UP);
      for (const named of [/AAD_APP_CLIENT_SECRET/, /Calendars\.ReadWrite/, /OnlineMeetings\.ReadWrite/])
        assert.match(body.error.forIt ?? '', named);
      assert.equal(api.graph.requests.length, 0);
      assert.equal(api.teams.requests.length, 0, 'nobody told');
    });

    it('the form is told booking is off; a pupil still gets 403, not 503', async () => {
      const me = await api.get('/api/bookings/me');
      assert.equal((me.body as { canBook: boolean }).canBook, false);
      assert.equal((await api.post('/api/bookings', form(), PEOPLE.pupil1)).status, 403);
    });
  });

  describe('with AAD_APP_CLIENT_SECRET (the exchange then is teamsfx, which needs a real Entra)', () => {
    const secret = 'tab-app-secret-for-tests';
    let tab: TabTestServer;
    before(async () => {
      tab = await startTabTestServer({
        issuer: 'test',
        clock: { now: () => NOW },
        env: { AAD_APP_CLIENT_SECRET: secret },
      });
    });
    after(() => tab.close());
    const send = async (path: string, body?: unknown) => {
      const res = await fetch(`${tab.base}${path}`, {
        method: body ? 'POST' : 'GET',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${await tab.token(PEOPLE.teacherA)}` },
        ...(body ? { body: JSON.stringify(body) } : {}),
      });
      return { status: res.status, body: (await res.json()) as ApiAnswer & { canBook?: boolean } };
    };

    it('the form may book, and a booking reaches the policy checks (422 with its problems, not bookingNotSetUp)', async () => {
      assert.equal((await send('/api/bookings/me')).body.canBook, true);
      const soon = { ...form({ start: new Date(NOW + 5 * HOUR).toISOString() }), clientRequestId: 'with-secret-01' };
      const { status, body } = await send('/api/bookings', soon);
      assert.equal(status, 422);
      assert.deepEqual(
        body.problems.map((p) => p.field),
        ['start'],
      );
    });
  });
});
