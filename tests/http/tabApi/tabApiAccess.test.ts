import assert from 'node:assert/strict';
import type { StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import { lessonKey, PEOPLE, startTabTestServer } from '../../support/tabServer.js';
import type { TokenKind } from '../../support/tokenIssuer.js';
import { MEETING, OTHER_SCHOOL_MEETING, useTabApiLesson } from './tabApiLesson.js';

describe('http/tabApi', () => {
  const { app, url, get } = useTabApiLesson(() => startTabTestServer({ issuer: 'test' }));

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
});
