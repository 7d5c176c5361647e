import { strict as assert } from 'node:assert';
import { PEOPLE } from '../../support/tabServer.js';
import { form, HOUR, NOW, SLT, useBookingApi } from './bookingApi.js';

const { pupil1 } = PEOPLE;

describe('http/tabApi/bookings: the policy checks of POST /api/bookings/check and /api/bookings (real service)', function () {
  this.timeout(60_000);
  const api = useBookingApi();

  it('signed-in staff only: no token is 401, a pupil is 403', async () => {
    const anonymous = await fetch(`${api.tab.base}/api/bookings/check`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    assert.equal(anonymous.status, 401);
    assert.equal((await api.post('/api/bookings/check', form(), pupil1)).status, 403);
  });

  describe('each rule, from its seed line, comes back next to its field', () => {
    const cases: Array<[string, Record<string, unknown>, string, RegExp, { id: string; name: string }?]> = [
      [
        'seed 001 #8: 48 hours notice',
        { start: new Date(NOW + 5 * HOUR).toISOString() },
        'start',
        /at least 48 hours ahead/,
      ],
      [
        'seed 001 #3: school hours',
        { start: new Date(Date.UTC(2024, 2, 6, 14, 50)).toISOString() },
        'start',
        /within school hours/,
      ],
      ['seed 004 line 28: 20 minutes with pupils', { durationMinutes: 25 }, 'durationMinutes', /at most 20 minutes/],
      [
        'seed 000 #7, seed 003 line 4: a second member of staff',
        { otherStaff: [] },
        'otherStaff',
        /another member of staff/,
      ],
      [
        'seed 000 #7: the second adult is staff, never a pupil',
        { otherStaff: [{ aadObjectId: pupil1.id, email: 'p1@pupils.example', name: 'x' }] },
        'otherStaff',
        /never a pupil or a guest/,
      ],
      [
        'seed 001 #8: only a senior leader may book at shorter notice',
        { start: new Date(NOW + 5 * HOUR).toISOString(), noticeOverride: { reason: 'Urgent' } },
        'noticeOverride',
        /Only a member of the senior leadership team/,
      ],
    ];
    for (const [name, over, field, message] of cases) {
      it(name, async () => {
        const { status, body } = await api.post('/api/bookings/check', form(over));
        assert.equal(status, 200);
        const problem = body.problems.find((p) => p.field === field);
        assert.match(problem?.message ?? '', message);
        const booked = await api.post('/api/bookings', {
          ...form(over),
          clientRequestId: `rule-${field}-${name.length}`,
        });
        assert.equal(booked.status, 422);
        assert.equal(booked.body.error.code, 'policyProblems');
        assert.equal(api.graph.requests.length, 0, 'nothing created');
      });
    }

    it('a senior leader may override the notice with a reason', async () => {
      const soon = form({ start: new Date(NOW + 5 * HOUR).toISOString(), noticeOverride: { reason: 'Exam support' } });
      const { body } = await api.post('/api/bookings/check', soon, { id: SLT, name: 'Mrs Senior' });
      assert.deepEqual(body.problems, []);
      assert.deepEqual(body.noticeOverridden, { reason: 'Exam support' });
    });
  });

  it('a malformed form is a 400 naming the fields', async () => {
    const { status, body } = await api.post('/api/bookings', {
      ...form({ start: 'tomorrow' }),
      clientRequestId: 'bad-start-1',
    });
    assert.equal(status, 400);
    assert.match(body.error.message, /start/);
  });
});
