import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import { parse } from 'csv-parse/sync';
import type { PastLessonsView } from '../../../bot/src/app/schoolView/pastLessons.js';
import type { WeekReport } from '../../../bot/src/app/schoolView/weekReport.js';
import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';
import {
  lessonKey,
  OTHER_TENANT,
  PEOPLE,
  SCHOOL_TENANT,
  startTabTestServer,
  type TabTestServer,
} from '../../support/tabServer.js';

// Thursday 26 November 2026, 10:00 in London (GMT); the week began on Monday 23rd.
const THURSDAY = Date.parse('2026-11-26T10:00:00Z');
const at = (iso: string) => Date.parse(`2026-11-${iso}Z`);
const DSL = { id: 'dddddddd-0000-4000-8000-0000000000e1', name: 'Mrs Fletcher' };
const OTHER_DSL = { id: 'dddddddd-0000-4000-8000-0000000000e4', name: 'Other DSL' };
const MATHS = 'school-report-maths';
const ART = 'school-report-art';
const OLD = 'school-report-last-week';
const FOREIGN = 'school-report-foreign';

let seq = 0;
const id = () => `report-${++seq}`;
const started = (title: string, time: number, organizerId: string): MeetingEvent => ({
  kind: 'meetingStarted',
  id: id(),
  at: time,
  meetingType: 'Scheduled',
  title,
  organizerId,
});
const joined = (participant: Participant, time: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: id(),
  at: time,
  participant,
});
const left = (participantId: string, time: number): MeetingEvent => ({
  kind: 'participantLeft',
  id: id(),
  at: time,
  participantId,
});
const ended = (time: number): MeetingEvent => ({ kind: 'meetingEnded', id: id(), at: time });

describe('http/tabApi: the school view looking back (GET /api/school/lessons, /week, /week.csv)', function () {
  this.timeout(60_000);
  let app: TabTestServer;
  let now = at('23T10:00:00');
  const call = async (path: string, person: { id: string; name: string }, tenantId = SCHOOL_TENANT) =>
    fetch(`${app.base}${path}`, { headers: { authorization: `Bearer ${await app.token(person, tenantId)}` } });
  const json = async <T>(path: string, person = DSL, tenantId = SCHOOL_TENANT): Promise<T> => {
    const res = await call(path, person, tenantId);
    assert.equal(res.status, 200, `${path}: ${res.status}`);
    return (await res.json()) as T;
  };
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  before(async () => {
    app = await startTabTestServer({
      issuer: 'test',
      clock: { now: () => now },
      staffList: {
        staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, DSL.id],
        dsl: [DSL.id],
        tenants: { [OTHER_TENANT]: { staff: [PEOPLE.teacherA.id, OTHER_DSL.id], dsl: [OTHER_DSL.id] } },
      },
    });
    const record = (meetingId: string, event: MeetingEvent, tenantId = SCHOOL_TENANT) =>
      app.applyEvent(lessonKey(meetingId, tenantId), event);
    // Last Friday: a maths lesson, calm.
    await record(OLD, started('Year 5 maths (catch-up)', at('20T10:00:00'), PEOPLE.teacherA.id));
    await record(OLD, ended(at('20T10:15:00')));
    // Monday: Ms Adams leaves Pupil One alone; the DSL takes the alert two minutes after it was raised.
    await record(MATHS, started('Year 5 maths', at('23T10:00:00'), PEOPLE.teacherA.id));
    await record(MATHS, joined(PEOPLE.teacherA, at('23T10:00:00')));
    await record(MATHS, joined(PEOPLE.pupil1, at('23T10:00:00')));
    await record(MATHS, left(PEOPLE.teacherA.id, at('23T10:02:00')));
    now = at('23T10:03:00');
    await app.core.tick();
    const raised = (await app.meetings.load(lessonKey(MATHS)))?.alerts.unsupervised?.raisedAt;
    assert.equal(raised, at('23T10:03:00'), 'the sweep raised the alert');
    now = at('23T10:05:00');
    const taken = await fetch(`${app.base}/api/school/alerts/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token(DSL)}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meetingId: MATHS, findingKey: 'unsupervised', raisedAt: raised }),
    });
    assert.equal(taken.status, 200);
    await record(MATHS, joined(PEOPLE.teacherA, at('23T10:06:00')));
    await record(MATHS, ended(at('23T10:07:00')));
    // Wednesday: Mr Brown and Ms Adams with Pupil Two, whose checks nobody recorded.
    await record(ART, started('Year 6 art', at('25T14:00:00'), PEOPLE.teacherB.id));
    for (const person of [PEOPLE.teacherB, PEOPLE.teacherA, PEOPLE.pupil2])
      await record(ART, joined(person, at('25T14:00:00')));
    await record(ART, ended(at('25T14:20:00')));
    // Another school's lesson on Monday.
    await record(FOREIGN, started('Other school', at('23T11:00:00'), PEOPLE.teacherA.id), OTHER_TENANT);
    now = THURSDAY;
    // The board is written in the background after each lesson write: wait until the last write shows.
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const week = await json<WeekReport>('/api/school/week');
      if (week.totals.lessons === 2 && week.days[2]?.checksUndone === 3 && week.totals.acknowledged === 1) return;
      await sleep(50);
    }
    assert.fail('the board never showed the lessons');
  });
  after(() => app?.close());

  it('is for the safeguarding team only: a teacher gets a sentence, no sign-in gets 401, another school sees only its own', async () => {
    for (const path of ['/api/school/lessons', '/api/school/week', '/api/school/week.csv']) {
      const res = await call(path, PEOPLE.teacherA);
      assert.equal(res.status, 403, path);
      assert.match((await errorOf(res)).message, /safeguarding team/);
      assert.equal((await fetch(`${app.base}${path}`)).status, 401, path);
    }
    const theirs = await json<PastLessonsView>('/api/school/lessons', OTHER_DSL, OTHER_TENANT);
    assert.deepEqual(
      theirs.lessons.map((l) => l.title),
      ['Other school'],
    );
    const theirWeek = await json<WeekReport>('/api/school/week', OTHER_DSL, OTHER_TENANT);
    assert.equal(theirWeek.totals.lessons, 1);
  });

  it('lists the last seven days by default, newest first, each with its figures', async () => {
    const view = await json<PastLessonsView>('/api/school/lessons');
    assert.deepEqual([view.from, view.to, view.more], ['2026-11-20', '2026-11-26', false]);
    assert.deepEqual(
      view.lessons.map((l) => [l.meetingId, l.title, l.organizerName, l.hadCritical]),
      [
        [ART, 'Year 6 art', PEOPLE.teacherB.name, false],
        [MATHS, 'Year 5 maths', PEOPLE.teacherA.name, true],
        // Its organizer never joined, so Chaperone never learned her name.
        [OLD, 'Year 5 maths (catch-up)', undefined, false],
      ],
    );
    const maths = view.lessons[1]!;
    assert.deepEqual(
      [maths.startedAt, maths.endedAt, maths.minutesOneAdult],
      [at('23T10:00:00'), at('23T10:07:00'), 3],
    );
  });

  it('searches by dates, organizer, title words and "had a serious alert"', async () => {
    const titles = async (query: string) =>
      (await json<PastLessonsView>(`/api/school/lessons?${query}`)).lessons.map((l) => l.meetingId);
    assert.deepEqual(await titles('from=2026-11-23&to=2026-11-24'), [MATHS]);
    assert.deepEqual(await titles('organizer=brown'), [ART]);
    assert.deepEqual(await titles('q=MATHS'), [MATHS, OLD]);
    assert.deepEqual(await titles('critical=1'), [MATHS]);
    assert.deepEqual(await titles('q=maths&critical=1&organizer=adams'), [MATHS]);
    assert.deepEqual(await titles('from=2026-10-27&to=2026-11-26'), [ART, MATHS, OLD], '31 days is allowed');
  });

  it('refuses a range it cannot read with a sentence saying what to change', async () => {
    for (const [query, says] of [
      ['from=2026-11-26&to=2026-11-20', /after the "to" date/],
      ['from=2026-10-26&to=2026-11-26', /at most 31 days/],
      ['from=2026-02-30&to=2026-03-01', /real days/],
      ['to=26/11/2026', /real days/],
      ['critical=yes', /could not be read/],
    ] as const) {
      const res = await call(`/api/school/lessons?${query}`, DSL);
      assert.equal(res.status, 400, query);
      assert.match((await errorOf(res)).message, says, query);
    }
    for (const [query, says] of [
      ['start=2026-11-24', /starts on a Monday/],
      ['start=next-week', /real days/],
    ] as const) {
      const res = await call(`/api/school/week?${query}`, DSL);
      assert.equal(res.status, 400, query);
      assert.match((await errorOf(res)).message, says, query);
    }
  });

  it("this week (the school's Monday by default): totals, each day and each organizer", async () => {
    const week = await json<WeekReport>('/api/school/week');
    assert.deepEqual([week.start, week.end], ['2026-11-23', '2026-11-29']);
    const { totals } = week;
    assert.deepEqual(
      [
        totals.lessons,
        totals.withCritical,
        totals.acknowledged,
        totals.averageAcknowledgeMinutes,
        totals.minutesOneAdult,
      ],
      [2, 1, 1, 2, 3],
    );
    // Pupil One alone (taken) and the last adult leaving without ending the meeting (nobody took it).
    assert.equal(totals.criticalRaises, 2);
    assert.deepEqual(
      [totals.checksUndone, week.days[0]?.checksUndone, week.days[2]?.checksUndone],
      [6, 3, 3],
      "nobody recorded either pupil's three checks",
    );
    assert.deepEqual(
      week.days.map((d) => d.lessons),
      [1, 0, 1, 0, 0, 0, 0],
    );
    assert.deepEqual(
      week.organizers.map((o) => [o.name, o.lessons, o.withCritical]),
      [
        [PEOPLE.teacherB.name, 1, 0],
        [PEOPLE.teacherA.name, 1, 1],
      ],
    );
    const before = await json<WeekReport>('/api/school/week?start=2026-11-16');
    assert.deepEqual([before.totals.lessons, before.days[4]?.lessons], [1, 1], 'last week: the Friday lesson');
  });

  it('downloads the week as a CSV file for a spreadsheet', async () => {
    const res = await call('/api/school/week.csv?start=2026-11-23', DSL);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('content-type') ?? '', /^text\/csv/);
    assert.equal(res.headers.get('content-disposition'), 'attachment; filename="chaperone-week-2026-11-23.csv"');
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await res.arrayBuffer());
    assert.ok(text.startsWith('\uFEFF'), 'a byte order mark, so Excel reads names as UTF-8');
    const table = parse(text.slice(1)) as string[][];
    assert.deepEqual(table[1]?.slice(0, 4), ['Week', 'Mon 23 Nov to Sun 29 Nov 2026', '2', '1']);
    assert.deepEqual(
      table.filter((r) => r[0] === 'Organizer').map((r) => r[1]),
      [PEOPLE.teacherB.name, PEOPLE.teacherA.name],
    );
  });
});
