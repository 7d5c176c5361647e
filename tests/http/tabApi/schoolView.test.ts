import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { SchoolNowView, SchoolViewer } from '../../../bot/src/app/schoolView/schoolViewModel.js';
import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';
import {
  lessonKey,
  OTHER_TENANT,
  PEOPLE,
  SCHOOL_TENANT,
  startTabTestServer,
  TEAM,
  teamStaffList,
  type TabTestServer,
} from '../../support/tabServer.js';

const ALONE = 'MCMxOTpzY2hvb2wtdmlldy1hbG9uZQ==';
const CALM = 'MCMxOTpzY2hvb2wtdmlldy1jYWxt/+==';
const FOREIGN = 'MCMxOTpzY2hvb2wtdmlldy1mb3JlaWdu';
const T0 = Date.parse('2026-03-10T10:00:00Z');
const DSL = TEAM.dsl;
const DEPUTY = TEAM.deputy;
const SLT = TEAM.slt;
const OTHER_DSL = TEAM.otherDsl;

let seq = 0;
const join = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: `school-join-${++seq}`,
  at,
  participant: p,
});
const start = (title: string, at: number, organizerId?: string): MeetingEvent => ({
  kind: 'meetingStarted',
  id: `school-start-${++seq}`,
  at,
  meetingType: 'Scheduled',
  title,
  joinUrl: 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_x%40thread.v2/0',
  ...(organizerId ? { organizerId } : {}),
});

describe('http/tabApi: the school view (GET /api/school/me, /now; POST /api/school/alerts/acknowledge)', function () {
  this.timeout(60_000);
  let app: TabTestServer;
  let now = T0;
  const call = async (
    path: string,
    person: { id: string; name: string },
    init: RequestInit = {},
    tenantId = SCHOOL_TENANT,
  ) =>
    fetch(`${app.base}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${await app.token(person, tenantId)}`, ...(init.headers ?? {}) },
    });
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
  const unsupervised = (v: SchoolNowView) => v.alerts.find((a) => a.findingKey === 'unsupervised');
  /** The board is written in the background after each lesson write: read until it shows what is expected. */
  const boardWhen = async (
    person: { id: string; name: string },
    ready: (view: SchoolNowView) => boolean,
    tenantId = SCHOOL_TENANT,
  ): Promise<SchoolNowView> => {
    let view: SchoolNowView | undefined;
    // Long enough for a head count held back by the board's 5-second rule.
    for (let attempt = 0; attempt < 200; attempt += 1) {
      app.core.school.invalidate(tenantId);
      view = (await (await call('/api/school/now', person, {}, tenantId)).json()) as SchoolNowView;
      if (ready(view)) return view;
      await sleep(50);
    }
    assert.fail(`the board never got there: ${JSON.stringify(view)}`);
  };

  before(async () => {
    app = await startTabTestServer({
      issuer: 'test',
      clock: { now: () => now },
      staffList: teamStaffList(),
    });
    const calm = lessonKey(CALM);
    await app.applyEvent(calm, start('Year 6 art', T0, PEOPLE.teacherB.id));
    await app.applyEvent(calm, join(PEOPLE.teacherB, T0 + 1_000));
    await app.applyEvent(calm, join(PEOPLE.teacherA, T0 + 1_000));
    const alone = lessonKey(ALONE);
    await app.applyEvent(alone, start('Year 5 maths', T0 + 60_000, PEOPLE.teacherA.id));
    await app.applyEvent(alone, join(PEOPLE.teacherA, T0 + 61_000));
    await app.applyEvent(alone, join(PEOPLE.pupil1, T0 + 62_000));
    await app.applyEvent(alone, {
      kind: 'participantLeft',
      id: 'alone-left',
      at: T0 + 120_000,
      participantId: PEOPLE.teacherA.id,
    });
    // Past the reconnect grace period: the timer sweep raises the critical alert.
    now = T0 + 180_000;
    await app.core.tick();
    const foreign = lessonKey(FOREIGN, OTHER_TENANT);
    await app.applyEvent(foreign, start('Other school', T0, PEOPLE.teacherA.id));
    await app.applyEvent(foreign, join(PEOPLE.teacherA, T0 + 1_000));
  });
  after(() => app?.close());

  it('opens for the DSL, a deputy and a senior leader, saying why; a teacher and a pupil get a sentence, not the school', async () => {
    for (const [person, as] of [
      [DSL, 'dsl'],
      [DEPUTY, 'deputy'],
      [SLT, 'slt'],
    ] as const) {
      const res = await call('/api/school/me', person);
      assert.equal(res.status, 200, person.name);
      assert.deepEqual((await res.json()) as SchoolViewer, { name: person.name, as });
    }
    for (const person of [PEOPLE.teacherA, PEOPLE.pupil1]) {
      for (const path of ['/api/school/me', '/api/school/now']) {
        const res = await call(path, person);
        assert.equal(res.status, 403, `${person.name} ${path}`);
        const error = await errorOf(res);
        assert.equal(error.code, 'leadersOnly');
        assert.match(error.message, /safeguarding team/);
      }
    }
    assert.equal((await fetch(`${app.base}/api/school/now`)).status, 401);
  });

  it('seed 000 #1 and #10: shows every live lesson, the one with a pupil and no adult first, with its critical alert', async () => {
    // Head counts reach the board at most every 5 s (COUNTS_EVERY_MS): wait for the second adult's join too.
    const bothAdultsIn = (v: SchoolNowView) => v.lessons.some((l) => l.title === 'Year 6 art' && l.staffIn === 2);
    const view = await boardWhen(DSL, (v) => !!unsupervised(v) && v.lessons.length === 2 && bothAdultsIn(v));
    assert.deepEqual(
      view.lessons.map((l) => [l.title, l.noAdult, l.staffIn, l.pupilsIn, l.state]),
      [
        ['Year 5 maths', true, 0, 1, 'live'],
        ['Year 6 art', false, 2, 0, 'live'],
      ],
    );
    const [alone] = view.lessons;
    assert.equal(alone?.organizerName, PEOPLE.teacherA.name);
    assert.equal(alone?.organizerId, PEOPLE.teacherA.id);
    assert.match(alone?.joinUrl ?? '', /^https:\/\/teams\.microsoft\.com\/l\/meetup-join\//);
    assert.equal(alone?.limitMinutes, 20);
    assert.match(alone?.worst?.message ?? '', /no member of staff/);
    // Both critical alerts of that moment, each with how far it has got with the safeguarding team.
    assert.deepEqual(
      view.alerts.map((a) => [a.meetingId, a.lessonTitle, a.findingKey, a.reach?.reached]),
      [
        [ALONE, 'Year 5 maths', 'end-for-all:staff-left', undefined],
        [ALONE, 'Year 5 maths', 'unsupervised', 'dsl'],
      ],
    );
    assert.doesNotMatch(JSON.stringify(view), /seed/i);
  });

  it('answers an unchanged board with 304 to If-None-Match', async () => {
    await boardWhen(DSL, (v) => !!unsupervised(v));
    const first = await call('/api/school/now', DSL);
    const etag = first.headers.get('etag');
    assert.ok(etag);
    assert.match(first.headers.get('cache-control') ?? '', /private/);
    const again = await call('/api/school/now', DSL, { headers: { 'if-none-match': etag } });
    assert.equal(again.status, 304);
  });

  it("another school's DSL sees their own lessons only, and cannot take this school's alert", async () => {
    const theirs = await boardWhen(OTHER_DSL, (v) => v.lessons.length === 1, OTHER_TENANT);
    assert.deepEqual(
      theirs.lessons.map((l) => l.title),
      ['Other school'],
    );
    const ours = unsupervised(await boardWhen(DSL, (v) => !!unsupervised(v)))!;
    const body = JSON.stringify({ meetingId: ours.meetingId, findingKey: ours.findingKey, raisedAt: ours.raisedAt });
    const res = await call(
      '/api/school/alerts/acknowledge',
      OTHER_DSL,
      { method: 'POST', body, headers: { 'content-type': 'application/json' } },
      OTHER_TENANT,
    );
    assert.equal(res.status, 410, 'the lesson is not found in their school');
  });

  it('"I\'m dealing with it": the first press takes the alert, the next is told who has it, and it leaves the open alerts', async () => {
    const alert = unsupervised(await boardWhen(DSL, (v) => !!unsupervised(v)))!;
    const post = (person: { id: string; name: string }, payload: object) =>
      call('/api/school/alerts/acknowledge', person, {
        method: 'POST',
        body: JSON.stringify(payload),
        headers: { 'content-type': 'application/json' },
      });
    const teacher = await post(PEOPLE.teacherB, alert);
    assert.equal(teacher.status, 403, 'a teacher cannot take it');
    assert.equal((await post(DEPUTY, { meetingId: alert.meetingId })).status, 400);
    const input = { meetingId: alert.meetingId, findingKey: alert.findingKey, raisedAt: alert.raisedAt };
    const taken = await post(DEPUTY, input);
    assert.equal(taken.status, 200);
    assert.equal(((await taken.json()) as { acknowledged: { name: string } }).acknowledged.name, DEPUTY.name);
    const second = await post(DSL, input);
    assert.equal(second.status, 409);
    const answer = (await second.json()) as {
      error: { code: string; message: string };
      acknowledged: { name: string };
    };
    assert.equal(answer.error.code, 'alreadyTaken');
    assert.equal(answer.error.message, 'Mr Deputy is dealing with it.');
    const after = await boardWhen(DSL, (v) => !unsupervised(v));
    assert.equal(after.lessons[0]?.title, 'Year 5 maths', 'the lesson still has a pupil and no adult');
  });
});
