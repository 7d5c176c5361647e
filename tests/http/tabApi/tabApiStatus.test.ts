import assert from 'node:assert/strict';
import type { StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import { lessonKey, OTHER_TENANT, PEOPLE, startTabTestServer } from '../../support/tabServer.js';
import { join, MEETING, OTHER_SCHOOL_MEETING, T0, useTabApiLesson } from './tabApiLesson.js';

describe('http/tabApi', () => {
  const { app, url, get } = useTabApiLesson(() => startTabTestServer({ issuer: 'test' }));

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
});
