import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { StatusView } from '../../bot/src/app/sidePanel/statusView.js';
import { PEOPLE, personPath, startSimService, type SimService } from '../dev/simService.js';
import { formInput } from '../app/concerns/fixtures.js';

/**
 * Idempotency keys of the side panel's writes, over the real service: a key belongs to one caller
 * and one endpoint and is bound to the body first sent with it (IETF Idempotency-Key semantics).
 */
describe('faults: reused idempotency keys', function () {
  this.timeout(30_000);
  let sim: SimService;
  let meetingId: string;
  const tokens = new Map<string, string>();

  before(async () => {
    sim = await startSimService();
    ({
      body: { meetingId },
    } = await sim.call<{ meetingId: string }>('POST', '/dev/api/lessons', {
      title: 'Year 5 maths',
      kind: 'Scheduled',
      organizerId: PEOPLE.khan,
      startsInMinutes: 0,
    }));
    for (const id of [PEOPLE.khan, PEOPLE.osei, PEOPLE.amira])
      assert.equal((await sim.call('POST', personPath(meetingId, id, 'join'), {})).status, 200);
    for (const id of [PEOPLE.khan, PEOPLE.osei])
      tokens.set(id, (await sim.call<{ token: string }>('GET', `/dev/host/token?user=${id}&name=Staff`)).body.token);
  });
  after(() => sim.stop());

  async function post(
    path: string,
    who: string,
    body: object,
  ): Promise<{
    status: number;
    body: {
      outcome?: string;
      status?: StatusView;
      ref?: string;
      duplicate?: boolean;
      error?: { code: string; message: string };
    };
  }> {
    const res = await fetch(`${sim.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${tokens.get(who)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as never };
  }
  const lesson = (what: string) => `/api/meetings/${encodeURIComponent(meetingId)}/${what}`;

  it("records another teacher's breach report sent with a key already used (a key is scoped to its caller)", async () => {
    const key = randomUUID();
    const mine = await post(lesson('breach'), PEOPLE.khan, {
      clientRequestId: key,
      note: 'Camera left on in a bedroom',
    });
    const theirs = await post(lesson('breach'), PEOPLE.osei, { clientRequestId: key, note: 'Pupil shared a link' });
    assert.deepEqual(
      [mine.status, mine.body.outcome, theirs.status, theirs.body.outcome],
      [200, 'applied', 200, 'applied'],
    );
    assert.equal(
      theirs.body.status?.breaches.length,
      (mine.body.status?.breaches.length ?? 0) + 1,
      'both reports are on the record',
    );
  });

  it('answers an exact retry as a duplicate, and the same key with a different body with 409 and a sentence', async () => {
    const key = randomUUID();
    const first = await post(lesson('breach'), PEOPLE.khan, { clientRequestId: key, note: 'Late join' });
    const retry = await post(lesson('breach'), PEOPLE.khan, { clientRequestId: key, note: 'Late join' });
    const changed = await post(lesson('breach'), PEOPLE.khan, { clientRequestId: key, note: 'Something else' });
    assert.deepEqual([first.body.outcome, retry.body.outcome], ['applied', 'duplicate']);
    assert.equal(retry.body.status?.breaches.length, first.body.status?.breaches.length);
    assert.equal(changed.status, 409);
    assert.equal(changed.body.error?.code, 'requestIdReused');
    assert.equal(
      changed.body.error?.message,
      'This request id was already used for a different change; reload the panel and try again.',
    );
  });

  it('treats the same key sent to another endpoint as another key', async () => {
    const key = randomUUID();
    assert.equal((await post(lesson('breach'), PEOPLE.khan, { clientRequestId: key })).body.outcome, 'applied');
    const tick = await post(lesson('checklist'), PEOPLE.khan, {
      clientRequestId: key,
      item: 'rolesAgreed',
      ticked: true,
    });
    assert.deepEqual([tick.status, tick.body.outcome], [200, 'applied']);
  });

  it("binds a concern form id to its answers: resend is a duplicate, changed answers get 409, another teacher's form is theirs", async () => {
    const form = formInput({ clientRequestId: `form-${randomUUID()}` });
    const first = await post('/api/concerns', PEOPLE.khan, form);
    const resend = await post('/api/concerns', PEOPLE.khan, form);
    const changed = await post('/api/concerns', PEOPLE.khan, { ...form, whatHappened: 'A different worry altogether' });
    const colleague = await post('/api/concerns', PEOPLE.osei, { ...form, whatHappened: 'What I saw myself' });
    assert.equal(first.status, 201);
    assert.deepEqual([resend.status, resend.body.ref, resend.body.duplicate], [200, first.body.ref, true]);
    assert.equal(changed.status, 409);
    assert.equal(changed.body.error?.code, 'requestIdReused');
    assert.match(changed.body.error?.message ?? '', /already sent with different answers/);
    assert.equal(colleague.status, 201);
    assert.notEqual(colleague.body.ref, first.body.ref);
  });
});
