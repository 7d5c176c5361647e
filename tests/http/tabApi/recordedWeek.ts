import assert from 'node:assert/strict';
import { setTimeout as sleep } from 'node:timers/promises';
import type { WeekReport } from '../../../bot/src/app/schoolView/weekReport.js';
import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';
import { standIn } from '../../support/suiteResource.js';
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

// Thursday 26 November 2026, 10:00 in London (GMT); the week began on Monday 23rd.
const THURSDAY = Date.parse('2026-11-26T10:00:00Z');
/** A time in November 2026 (UTC, which is London's time then), from its day and time: `at('23T10:00:00')`. */
export const at = (iso: string) => Date.parse(`2026-11-${iso}Z`);
/** The test school's Designated Safeguarding Lead. */
export const DSL = TEAM.dsl;
/** Another school's DSL. */
export const OTHER_DSL = TEAM.otherDsl;
/** Monday's maths lesson, with a serious alert the DSL took. */
export const MATHS = 'school-report-maths';
/** Wednesday's art lesson, whose pupil checks nobody recorded. */
export const ART = 'school-report-art';
/** Last Friday's maths lesson. */
export const OLD = 'school-report-last-week';
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

/**
 * For the enclosing `describe`: the service, its clock at Thursday 26 November 2026, with the school's week recorded
 * (last Friday's maths; Monday's maths, where a pupil was left alone and the DSL took the alert; Wednesday's art)
 * and another school's Monday lesson, and helpers that call the school view's API as a person.
 */
export function useRecordedWeek() {
  let app: TabTestServer | undefined;
  let now = at('23T10:00:00');
  const call = async (path: string, person: { id: string; name: string }, tenantId = SCHOOL_TENANT) =>
    fetch(`${app!.base}${path}`, { headers: { authorization: `Bearer ${await app!.token(person, tenantId)}` } });
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
      staffList: teamStaffList(),
    });
    const record = (meetingId: string, event: MeetingEvent, tenantId = SCHOOL_TENANT) =>
      app!.applyEvent(lessonKey(meetingId, tenantId), event);
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

  return { app: standIn(() => app), call, json, errorOf };
}
