import assert from 'node:assert/strict';
import type { PastLessonsView } from '../../../bot/src/app/schoolView/pastLessons.js';
import type { WeekReport } from '../../../bot/src/app/schoolView/weekReport.js';
import { OTHER_TENANT, PEOPLE } from '../../support/tabServer.js';
import { ART, at, MATHS, OLD, OTHER_DSL, useRecordedWeek } from './recordedWeek.js';

describe('http/tabApi: the school view looking back (GET /api/school/lessons, /week, /week.csv)', function () {
  this.timeout(60_000);
  const { app, call, json, errorOf } = useRecordedWeek();

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
});
