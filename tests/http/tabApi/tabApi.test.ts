import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';
import { lessonKey, OTHER_TENANT, PEOPLE, startTabTestServer, type TabTestServer } from '../../support/tabServer.js';
import type { TokenKind } from '../../support/tokenIssuer.js';

// A Teams meeting id is base64: it can hold `/`, `+` and `=`, so it must travel URL-encoded.
const MEETING = 'MCMxOTptZWV0aW5nX05qa3/lOR0kzTW1F+dE9EazNNUzAw@thread.v2==';
const OTHER_SCHOOL_MEETING = 'MCMxOTpvdGhlci1zY2hvb2wtbGVzc29u==';
const T0 = Date.parse('2026-03-10T10:00:00Z');

let seq = 0;
const join = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: `join-${++seq}`,
  at,
  participant: p,
});

describe('http/tabApi', () => {
  let app: TabTestServer;
  const url = (path: string, meetingId = MEETING) =>
    `${app.base}/api/meetings/${encodeURIComponent(meetingId)}/${path}`;
  const get = async (
    path: string,
    person: { id: string; name: string } = PEOPLE.teacherA,
    headers: Record<string, string> = {},
  ) => fetch(url(path), { headers: { authorization: `Bearer ${await app.token(person)}`, ...headers } });
  const post = async (path: string, body: unknown, person: { id: string; name: string } = PEOPLE.teacherA) =>
    fetch(url(path), {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token(person)}`, 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  before(async () => {
    app = await startTabTestServer({ issuer: 'test' });
    const key = lessonKey(MEETING);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'start-1',
      at: T0,
      meetingType: 'Scheduled',
      title: 'Year 5 maths',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, T0 + 1_000));
    await app.applyEvent(key, join(PEOPLE.teacherB, T0 + 2_000));
    await app.applyEvent(key, join(PEOPLE.pupil1, T0 + 3_000));
    await app.applyEvent(lessonKey(OTHER_SCHOOL_MEETING, OTHER_TENANT), {
      kind: 'meetingStarted',
      id: 'start-2',
      at: T0,
      meetingType: 'Scheduled',
      title: 'Other school',
    });
  });
  after(() => app.close());

  describe('sign-in', () => {
    it('gives a member of staff with a valid token the lesson status', async () => {
      const res = await get('status');
      assert.equal(res.status, 200);
      const view = (await res.json()) as StatusView;
      assert.equal(view.title, 'Year 5 maths');
      assert.equal(view.meetingId, MEETING);
      assert.deepEqual(view.staff, { present: 2, required: 2 });
      assert.equal(view.pupilsPresent, 1);
    });

    const bad: TokenKind[] = ['expired', 'wrongAudience', 'wrongTenant', 'badSignature', 'algNone'];
    for (const kind of bad) {
      it(`answers 401 for a token that is ${kind}, and logs the refusal without the token`, async () => {
        const token = await app.issuer!.mint(
          { tenantId: lessonKey('').tenantId, aadObjectId: PEOPLE.teacherA.id, name: PEOPLE.teacherA.name },
          kind,
        );
        const res = await fetch(url('status'), { headers: { authorization: `Bearer ${token}` } });
        assert.equal(res.status, 401);
        const body = (await res.json()) as { error: { code: string; message: string } };
        assert.equal(body.error.code, 'unauthorized');
        assert.match(body.error.message, /reopen the Chaperone tab/);
        assert.ok(!JSON.stringify(app.logLines).includes(token.split('.')[1]!), 'token must not be logged');
      });
    }

    it('answers 401 with no Authorization header at all', async () => {
      assert.equal((await fetch(url('status'))).status, 401);
    });
  });

  describe('access', () => {
    it('refuses a pupil with 403 and a friendly sentence', async () => {
      const res = await get('status', PEOPLE.pupil1);
      assert.equal(res.status, 403);
      assert.match(((await res.json()) as { error: { message: string } }).error.message, /staff only/);
    });

    it('tells the tab who is asking: staff or pupil', async () => {
      const me = async (p: { id: string; name: string }) =>
        (await (
          await fetch(`${app.base}/api/me`, { headers: { authorization: `Bearer ${await app.token(p)}` } })
        ).json()) as { role: string };
      assert.equal((await me(PEOPLE.teacherB)).role, 'staff');
      assert.equal((await me(PEOPLE.pupil2)).role, 'pupil');
    });

    it("answers 404 for another school's lesson, exactly as for a lesson that does not exist", async () => {
      const foreign = await fetch(url('status', OTHER_SCHOOL_MEETING), {
        headers: { authorization: `Bearer ${await app.token(PEOPLE.teacherA)}` },
      });
      const missing = await fetch(url('status', 'no-such-lesson'), {
        headers: { authorization: `Bearer ${await app.token(PEOPLE.teacherA)}` },
      });
      assert.equal(foreign.status, 404);
      assert.deepEqual(
        { ...((await foreign.json()) as { error: object }).error, correlationId: 0 },
        { ...((await missing.json()) as { error: object }).error, correlationId: 0 },
      );
    });
  });

  describe('status polling', () => {
    it('sends an ETag and answers 304 with no body while nothing changed, 200 after a change', async () => {
      const first = await get('status');
      const etag = first.headers.get('etag');
      assert.ok(etag);
      const again = await get('status', PEOPLE.teacherA, { 'if-none-match': etag });
      assert.equal(again.status, 304);
      assert.equal(await again.text(), '');
      await app.applyEvent(lessonKey(MEETING), join(PEOPLE.pupil2, T0 + 4_000));
      const changed = await get('status', PEOPLE.teacherA, { 'if-none-match': etag });
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      assert.equal(((await changed.json()) as StatusView).pupilsPresent, 2);
    });

    it('answers 200 with a new tag once someone is dealing with an alert, naming them on this raise', async () => {
      const meeting = 'MCMxOTphY2tub3dsZWRnZWQtbGVzc29u==';
      const key = lessonKey(meeting);
      await app.applyEvent(key, {
        kind: 'meetingStarted',
        id: 'ack-start',
        at: T0,
        meetingType: 'Scheduled',
        title: 'Year 6 art',
      });
      await app.applyEvent(key, join(PEOPLE.teacherA, T0 + 1_000));
      await app.applyEvent(key, { kind: 'breachReported', id: 'ack-breach', at: T0 + 2_000, by: PEOPLE.teacherA.id });
      const poll = async (etag?: string) =>
        fetch(url('status', meeting), {
          headers: {
            authorization: `Bearer ${await app.token(PEOPLE.teacherA)}`,
            ...(etag ? { 'if-none-match': etag } : {}),
          },
        });
      const first = await poll();
      const etag = first.headers.get('etag')!;
      const breach = ((await first.json()) as StatusView).findings.find((f) => f.ruleId === 'breach');
      assert.ok(breach?.raisedAt !== undefined, 'the breach is raised');
      assert.equal(breach.acknowledged, undefined);
      assert.equal((await poll(etag)).status, 304);
      const acknowledged = {
        kind: 'alertAcknowledged',
        id: 'ack-1',
        at: T0 + 3_000,
        findingKey: breach.key,
        raisedAt: breach.raisedAt,
        by: PEOPLE.teacherB.id,
        byName: 'Mrs Fletcher',
      } as const;
      await app.applyEvent(key, acknowledged);
      const changed = await poll(etag);
      assert.equal(changed.status, 200);
      assert.notEqual(changed.headers.get('etag'), etag);
      const view = (await changed.json()) as StatusView;
      assert.deepEqual(view.findings.find((f) => f.key === breach.key)?.acknowledged, {
        name: 'Mrs Fletcher',
        at: T0 + 3_000,
      });
      assert.equal(view.dslPhone, undefined, 'the strict preset gives no number');
    });

    it('answers 304 when If-None-Match lists the current tag among others', async () => {
      const etag = (await get('status')).headers.get('etag')!;
      const res = await get('status', PEOPLE.teacherA, { 'if-none-match': `"stale", ${etag}` });
      assert.equal(res.status, 304);
      assert.equal(res.headers.get('etag'), etag);
    });

    it("still checks access on every poll: a pupil's If-None-Match gets 403, not 304", async () => {
      const etag = (await get('status')).headers.get('etag')!;
      const res = await get('status', PEOPLE.pupil1, { 'if-none-match': etag });
      assert.equal(res.status, 403);
    });

    it("never serves one school's lesson to a token from another school, however often either polls", async () => {
      const token = await app.token(PEOPLE.teacherA);
      const asSchool = async () => fetch(url('status'), { headers: { authorization: `Bearer ${token}` } });
      assert.equal((await asSchool()).status, 200);
      // The same person's token for another tenant: the school's lesson is not found there, the other's is.
      const away = await app.token(PEOPLE.teacherA, OTHER_TENANT);
      for (let i = 0; i < 3; i++) {
        assert.equal((await fetch(url('status'), { headers: { authorization: `Bearer ${away}` } })).status, 404);
        const theirs = await fetch(url('status', OTHER_SCHOOL_MEETING), {
          headers: { authorization: `Bearer ${away}` },
        });
        assert.equal(((await theirs.json()) as StatusView).title, 'Other school');
        assert.equal(((await (await asSchool()).json()) as StatusView).title, 'Year 5 maths');
      }
    });
  });

  describe('staff writes', () => {
    it('records a checklist tick once, however often the same request is sent', async () => {
      const clientRequestId = randomUUID();
      const body = { clientRequestId, item: 'expectationsRead', ticked: true };
      const first = (await (await post('checklist', body)).json()) as { outcome: string; status: StatusView };
      const second = (await (await post('checklist', body)).json()) as { outcome: string; status: StatusView };
      assert.equal(first.outcome, 'applied');
      assert.equal(second.outcome, 'duplicate');
      const events = await app.meetings.listEvents(lessonKey(MEETING));
      assert.equal(events.filter((e) => e.kind === 'checklistTicked' && e.item === 'expectationsRead').length, 1);
      const item = first.status.checklist.find((c) => c.item === 'expectationsRead');
      assert.equal(item?.ticked, true);
      assert.equal(item?.stamp?.byName, PEOPLE.teacherA.name);
    });

    it("keeps both of two teachers' ticks made at the same moment", async () => {
      const [a, b] = await Promise.all([
        post('checklist', { clientRequestId: randomUUID(), item: 'rolesAgreed', ticked: true }, PEOPLE.teacherA),
        post('checklist', { clientRequestId: randomUUID(), item: 'endForAllExplained', ticked: true }, PEOPLE.teacherB),
      ]);
      assert.deepEqual([a.status, b.status], [200, 200]);
      const view = (await (await get('status')).json()) as StatusView;
      const ticks = Object.fromEntries(view.checklist.map((c) => [c.item, c.stamp?.byName]));
      assert.equal(ticks['rolesAgreed'], PEOPLE.teacherA.name);
      assert.equal(ticks['endForAllExplained'], PEOPLE.teacherB.name);
    });

    it('records pupil checks and register marks by the signed-in teacher', async () => {
      assert.equal(
        (
          await post(
            'pupil-checks',
            { clientRequestId: randomUUID(), pupilId: PEOPLE.pupil1.id, check: 'consent', state: 'yes' },
            PEOPLE.teacherB,
          )
        ).status,
        200,
      );
      assert.equal(
        (await post('register-marks', { clientRequestId: randomUUID(), pupilId: PEOPLE.pupil1.id, mark: 'present' }))
          .status,
        200,
      );
      const view = (await (await get('status')).json()) as StatusView;
      const row = view.register.find((r) => r.id === PEOPLE.pupil1.id);
      assert.equal(row?.checks.consent?.state, 'yes');
      assert.equal(row?.checks.consent?.stamp?.byName, PEOPLE.teacherB.name);
      assert.equal(row?.mark, 'present');
    });

    it('refuses a mark for someone not on the register with 404', async () => {
      const res = await post('register-marks', {
        clientRequestId: randomUUID(),
        pupilId: PEOPLE.teacherB.id,
        mark: 'left',
      });
      assert.equal(res.status, 404);
    });

    it('explains a bad body with 400, naming the field', async () => {
      const res = await post('checklist', { clientRequestId: randomUUID(), item: 'danceRoutine', ticked: 'yes' });
      assert.equal(res.status, 400);
      const message = ((await res.json()) as { error: { message: string } }).error.message;
      assert.match(message, /item/);
      assert.match(message, /ticked/);
    });

    it('refuses a body over 64 KiB with 413 and a body that is not JSON with 415', async () => {
      const token = await app.token(PEOPLE.teacherA);
      const big = await fetch(url('breach'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientRequestId: randomUUID(), note: 'x'.repeat(70_000) }),
      });
      assert.equal(big.status, 413);
      const form = await fetch(url('breach'), {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
        body: 'clientRequestId=abcdefgh',
      });
      assert.equal(form.status, 415);
    });

    it('refuses writes from a pupil with 403', async () => {
      const res = await post('breach', { clientRequestId: randomUUID() }, PEOPLE.pupil1);
      assert.equal(res.status, 403);
    });

    it('treats OData-looking text in every string field as plain data', async () => {
      const injection = "' or 1 eq 1 or PartitionKey ne '";
      const res = await post('pupil-checks', {
        clientRequestId: randomUUID(),
        pupilId: injection,
        check: 'consent',
        state: 'yes',
      });
      assert.equal(res.status, 404);
      const breach = await post('breach', { clientRequestId: randomUUID(), note: injection });
      assert.equal(breach.status, 200);
      const odd = await fetch(url('status', injection), {
        headers: { authorization: `Bearer ${await app.token(PEOPLE.teacherA)}` },
      });
      assert.equal(odd.status, 404);
      const view = (await (await get('status')).json()) as StatusView;
      assert.equal(view.title, 'Year 5 maths');
      assert.equal(view.breaches.length, 1);
    });
  });

  describe('register.csv', () => {
    it('exports the register with a header row, local times and formula-safe cells', async () => {
      const sneaky: Participant = {
        id: 'bbbbbbbb-0000-4000-8000-00000000000f',
        teamsId: '29:sneaky',
        name: '=HYPERLINK("http://evil")',
        role: 'pupil',
      };
      await app.applyEvent(lessonKey(MEETING), join(sneaky, T0 + 5_000));
      const res = await get('register.csv');
      assert.equal(res.status, 200);
      assert.match(res.headers.get('content-type') ?? '', /text\/csv/);
      assert.match(res.headers.get('content-disposition') ?? '', /attachment; filename="register-2026-03-10\.csv"/);
      const lines = (await res.text())
        .replace(/^\uFEFF/, '')
        .trim()
        .split('\r\n');
      assert.match(lines[0]!, /^"Lesson","Pupil","In the lesson now","First joined"/);
      const pupilOne = lines.find((l) => l.includes('Pupil One'));
      // 10:00:03 UTC on 10 March 2026 is 10:00 in London (GMT).
      assert.match(pupilOne ?? '', /"Year 5 maths","Pupil One","yes","2026-03-10 10:00"/);
      assert.ok(
        lines.some((l) => l.includes(`"'=HYPERLINK(""http://evil"")"`)),
        'formula defused',
      );
      assert.ok(!lines.some((l) => l.includes('Ms Adams","yes"')), 'staff are not on the pupil register');
    });
  });
});
