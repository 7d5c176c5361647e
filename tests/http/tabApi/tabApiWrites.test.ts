import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import type { Participant } from '../../../bot/src/domain/types.js';
import { lessonKey, PEOPLE, startTabTestServer } from '../../support/tabServer.js';
import { join, MEETING, T0, useTabApiLesson } from './tabApiLesson.js';

describe('http/tabApi', () => {
  const { app, url, get, post } = useTabApiLesson(() => startTabTestServer({ issuer: 'test' }));

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
