import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import { PEOPLE, startSimService, type SimService } from './simService.js';

// `npm start` books a lesson end to end: the simulator's sign-in, the booking API and a local fake Graph calendar.
describe('dev/local mode: "Book a lesson" works on one machine (fake Graph and sign-in exchange)', function () {
  this.timeout(60_000);
  let sim: SimService;
  /** Monday 2 March 2026, 08:00 in London. */
  const MONDAY = Date.parse('2026-03-02T08:00:00Z');
  beforeEach(async () => (sim = await startSimService({ startAt: MONDAY })));
  afterEach(async () => sim.stop());

  async function tokenFor(user: string, name: string): Promise<string> {
    const res = await fetch(`${sim.url}/dev/host/token?user=${user}&name=${encodeURIComponent(name)}`);
    return ((await res.json()) as { token: string }).token;
  }

  it('Ms Khan books Wednesday 10:00 with Mr Osei: booked once, and Mr Hughes (senior team) gets the card', async () => {
    // Chaperone is installed for staff (the simulator's "Book a lesson" button does this first).
    assert.equal((await sim.call('POST', '/dev/api/install')).status, 200);
    const token = await tokenFor(PEOPLE.khan, 'Ms Khan');
    const form = {
      clientRequestId: randomUUID(),
      title: 'Year 5 maths',
      start: '2026-03-04T10:00:00Z',
      durationMinutes: 20,
      pupils: ['amira@pupils.oakfield.example', 'ben@pupils.oakfield.example'],
      otherStaff: [{ aadObjectId: PEOPLE.osei, email: 'osei@oakfield.example', name: 'Mr Osei' }],
    };
    const book = () =>
      fetch(`${sim.url}/api/bookings`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(form),
      });
    const first = await book();
    const answer = (await first.json()) as {
      booking: { meetingId: string; staffIds: string[] };
      sltCardsQueued: number;
    };
    assert.equal(first.status, 201, JSON.stringify(answer));
    assert.deepEqual(answer.booking.staffIds, [PEOPLE.khan, PEOPLE.osei]);
    assert.equal(answer.sltCardsQueued, 1);
    assert.equal((await book()).status, 200, 'the same request again is the same booking');

    await sim.core.tick();
    type Chat = { lines: Array<{ from: string; text?: string; entry?: { cards: unknown[] } }> };
    const chat = (await sim.call<Chat>('GET', `/dev/api/chat/${PEOPLE.hughes}`)).body;
    const said = JSON.stringify(chat.lines);
    assert.match(said, /Year 5 maths/, "the booked lesson's card is in Mr Hughes's chat");
    assert.doesNotMatch(said, /amira/i, 'no pupil is named');
  });
});
