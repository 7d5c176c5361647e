import assert from 'node:assert/strict';
import type { LessonRecordView } from '../../../bot/src/app/lessonRecord/lessonTimeline.js';
import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';
import { formInput } from '../../app/concerns/fixtures.js';
import {
  lessonKey,
  OTHER_TENANT,
  PEOPLE,
  SCHOOL_TENANT,
  startTabTestServer,
  type TabTestServer,
} from '../../support/tabServer.js';

// Base64 with `/`, `+` and `=`: the id travels URL-encoded.
const LESSON = 'MCMxOTpyZWNvcmQtbGVzc29u/+Lesson==';
const ORGANISED = 'MCMxOTpvcmdhbmlzZWQtb25seQ==';
const OTHER_SCHOOL_LESSON = 'MCMxOTpvdGhlci1zY2hvb2wtcmVjb3Jk';
const T0 = Date.parse('2026-03-10T10:00:00Z');
const DSL = { id: 'dddddddd-0000-4000-8000-000000000001', name: 'Mrs Fletcher' };
const DEPUTY = { id: 'dddddddd-0000-4000-8000-000000000002', name: 'Mr Deputy' };

let seq = 0;
const join = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: `record-join-${++seq}`,
  at,
  participant: p,
});

describe('http/tabApi: GET /api/meetings/:meetingId/record (the lesson record)', function () {
  this.timeout(30_000);
  let app: TabTestServer;
  const record = async (meetingId: string, person?: { id: string; name: string }, tenantId = SCHOOL_TENANT) => {
    const headers: Record<string, string> = person
      ? { authorization: `Bearer ${await app.token(person, tenantId)}` }
      : {};
    return fetch(`${app.base}/api/meetings/${encodeURIComponent(meetingId)}/record`, { headers });
  };
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;

  before(async () => {
    app = await startTabTestServer({
      issuer: 'test',
      staffList: {
        staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, DSL.id, DEPUTY.id],
        dsl: [DSL.id],
        deputies: [DEPUTY.id],
        tenants: { [OTHER_TENANT]: { staff: [PEOPLE.teacherA.id], dsl: [] } },
      },
    });
    const key = lessonKey(LESSON);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'record-start',
      at: T0,
      meetingType: 'Scheduled',
      title: 'Year 5 maths',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, T0 + 1_000));
    await app.applyEvent(key, join(PEOPLE.pupil1, T0 + 60_000));
    const consent = {
      kind: 'pupilCheckRecorded',
      check: 'consent',
      state: 'yes',
      pupilId: PEOPLE.pupil1.id,
      by: PEOPLE.teacherA.id,
    } as const;
    await app.applyEvent(key, { ...consent, id: 'record-check', at: T0 + 90_000 });
    const organised = lessonKey(ORGANISED);
    const organisedStart = {
      kind: 'meetingStarted',
      meetingType: 'Scheduled',
      title: 'Year 6 art',
      organizerId: PEOPLE.teacherB.id,
    } as const;
    await app.applyEvent(organised, { ...organisedStart, id: 'organised-start', at: T0 });
    await app.applyEvent(organised, join(PEOPLE.teacherA, T0 + 1_000));
    const foreign = lessonKey(OTHER_SCHOOL_LESSON, OTHER_TENANT);
    await app.applyEvent(foreign, {
      kind: 'meetingStarted',
      id: 'foreign-start',
      at: T0,
      meetingType: 'Scheduled',
      title: 'Other school',
    });
    await app.applyEvent(foreign, join(PEOPLE.teacherA, T0 + 1_000));
  });
  after(() => app?.close());

  it("gives the DSL the timeline of any lesson of the school, in the school's words and time zone, with no policy citations", async () => {
    const res = await record(LESSON, DSL);
    assert.equal(res.status, 200);
    assert.match(res.headers.get('cache-control') ?? '', /no-store/);
    const view = (await res.json()) as LessonRecordView;
    assert.equal(view.meetingId, LESSON);
    assert.equal(view.title, 'Year 5 maths');
    assert.equal(view.timeZone, 'Europe/London');
    assert.equal(view.date, '2026-03-10');
    const lines = view.entries.map((e) => `${e.time} ${e.text}`);
    assert.ok(lines.includes('10:00 GMT The lesson started.'), lines.join('\n'));
    assert.ok(lines.includes('10:00 GMT Ms Adams (staff) joined.'), lines.join('\n'));
    assert.ok(lines.includes('10:01 GMT Pupil One (pupil) joined.'), lines.join('\n'));
    assert.ok(lines.includes('10:01 GMT Ms Adams recorded "Consent" for Pupil One as yes.'), lines.join('\n'));
    assert.doesNotMatch(JSON.stringify(view), /seed/i);
  });

  it('gives a deputy DSL the record of a lesson they were not in', async () => {
    assert.equal((await record(LESSON, DEPUTY)).status, 200);
  });

  it('gives a teacher who was in the lesson its record, and one who organised it without joining', async () => {
    assert.equal((await record(LESSON, PEOPLE.teacherA)).status, 200);
    assert.equal((await record(ORGANISED, PEOPLE.teacherB)).status, 200);
  });

  it('refuses a teacher who was not in the lesson with 403 and a sentence saying who can open it', async () => {
    const res = await record(LESSON, PEOPLE.teacherB);
    assert.equal(res.status, 403);
    const error = await errorOf(res);
    assert.equal(error.code, 'notInLesson');
    assert.match(error.message, /Only staff who were in this lesson, and the school's safeguarding team/);
  });

  it('refuses a pupil who was in the lesson: the record is for staff only', async () => {
    const res = await record(LESSON, PEOPLE.pupil1);
    assert.equal(res.status, 403);
    assert.equal((await errorOf(res)).code, 'staffOnly');
  });

  it("answers 404 for another school's lesson, as for one that does not exist, even to a teacher who was in it", async () => {
    const foreign = await record(OTHER_SCHOOL_LESSON, PEOPLE.teacherA);
    const missing = await record('no-such-lesson', PEOPLE.teacherA);
    assert.equal(foreign.status, 404);
    assert.equal(missing.status, 404);
    const [a, b] = [await errorOf(foreign), await errorOf(missing)];
    assert.deepEqual([a.code, a.message], [b.code, b.message]);
    assert.equal(
      (await record(OTHER_SCHOOL_LESSON, PEOPLE.teacherA, OTHER_TENANT)).status,
      200,
      'in their own school they may read it',
    );
  });

  it('lists the concerns logged from the lesson, never what they say: the safeguarding team sees every one, other staff their own', async () => {
    const logConcern = async (person: { id: string; name: string }, words: string) => {
      const res = await fetch(`${app.base}/api/concerns`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await app.token(person)}`, 'content-type': 'application/json' },
        body: JSON.stringify(
          formInput({
            clientRequestId: `record-concern-${++seq}`,
            whatHappened: words,
            meetingId: LESSON,
            meetingTitle: 'Year 5 maths',
          }),
        ),
      });
      assert.equal(res.status, 201, await res.clone().text());
      return ((await res.json()) as { ref: string }).ref;
    };
    const byTeacher = await logConcern(PEOPLE.teacherA, 'SECRET-WORDS-TEACHER');
    const byDsl = await logConcern(DSL, 'SECRET-WORDS-DSL');
    const concernLines = async (person: { id: string; name: string }) => {
      const view = (await (await record(LESSON, person)).json()) as LessonRecordView;
      assert.doesNotMatch(JSON.stringify(view), /SECRET-WORDS/);
      return view.entries.filter((e) => e.kind === 'concern').map((e) => e.text);
    };
    const seenByDsl = await concernLines(DSL);
    assert.ok(
      seenByDsl.some((t) => t.includes(byTeacher)) && seenByDsl.some((t) => t.includes(byDsl)),
      seenByDsl.join('\n'),
    );
    assert.deepEqual(
      (await concernLines(PEOPLE.teacherA)).filter((t) => t.includes('logged')).map((t) => t.includes(byTeacher)),
      [true],
    );
  });

  it('answers 401 with no sign-in', async () => {
    assert.equal((await record(LESSON)).status, 401);
  });
});
