import { strict as assert } from 'node:assert';
import { reevaluate, step } from '../../../bot/src/app/lesson/lessonStep.js';
import type { Delivery } from '../../../bot/src/app/delivery/delivery.js';
import { lessonTimeline } from '../../../bot/src/app/lessonRecord/lessonTimeline.js';
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import { emptyMeeting } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { at, check, ended, join, leave, policy, pupil, staff, started, tick } from '../../domain/builders.js';

const KEY = { tenantId: 'tenant-1', meetingId: 'meeting-1' };
const ADDRESS = { serviceUrl: 'https://smba.example/', conversationId: '19:lesson' };
const STRICT = policy();
const DSLS = [{ aadObjectId: 'dsl-1' }];
const teacher = staff('teacher', { name: 'Ms Khan' });
const assistant = staff('assistant', { name: 'Mr Osei' });
const amira = pupil('amira', { name: 'Amira' });

/** A lesson run through the real step (reduce, rules, outbox planning), with Teams' answers scripted. */
class LessonRun {
  record: MeetingRecord = { state: emptyMeeting(KEY.tenantId, KEY.meetingId), alerts: {}, deliveries: [], etag: '' };

  event(...events: Array<MeetingEvent | MeetingEvent[]>): this {
    for (const event of events.flat()) {
      const next = step(STRICT, KEY, this.record, event, ADDRESS, event.at, DSLS);
      this.record = { ...this.record, state: next.state, alerts: next.alerts, deliveries: next.deliveries };
    }
    return this;
  }

  tick(now: number): this {
    this.record = reevaluate(STRICT, KEY, this.record, now, DSLS).changed?.record ?? this.record;
    return this;
  }

  /** Teams answers every pending delivery matching `which` at `now`. */
  answer(now: number, outcome: 'sent' | 'failed' = 'sent', which: (d: Delivery) => boolean = () => true): this {
    const answered = (d: Delivery): Delivery => ({
      ...d,
      state: outcome,
      ...(outcome === 'sent' ? { sentAt: now } : {}),
    });
    this.record.deliveries = (this.record.deliveries ?? []).map((d) =>
      d.state === 'pending' && which(d) ? answered(d) : d,
    );
    return this;
  }

  acknowledge(findingKey: string, now: number): this {
    const raisedAt = this.record.alerts[findingKey]!.raisedAt!;
    return this.event({
      kind: 'alertAcknowledged',
      id: `ack-${now}`,
      at: now,
      findingKey,
      raisedAt,
      by: 'dsl-1',
      byName: 'Mrs Fletcher',
    });
  }

  lines(): string[] {
    return lessonTimeline(this.record, STRICT).entries.map((e) => `${e.time} ${e.text}`);
  }
}

/** The staff leave a pupil alone; the DSL is told and takes it; the teacher comes back; the lesson ends. */
function lessonWithAnAlert(): LessonRun {
  return new LessonRun()
    .event(started(at(0), { organizerId: 'teacher' }), join(teacher, at(0)), join(assistant, at(0)), join(amira, at(1)))
    .event(
      check('amira', 'consent', 'yes', at(1)),
      check('amira', 'parentPresent', 'no', at(1)),
      check('amira', 'parentPresent', 'notYet', at(2)),
    )
    .event(tick('expectationsRead', at(2)), leave('assistant', at(3)), leave('teacher', at(3)))
    .tick(at(3) + 31_000)
    .answer(at(4))
    .acknowledge('unsupervised', at(5))
    .event(join(teacher, at(6)), leave('amira', at(8)), ended(at(9)));
}

/** The index of the line matching `pattern`, failing with the whole timeline when none does. */
function indexOf(lines: string[], pattern: RegExp): number {
  const i = lines.findIndex((line) => pattern.test(line));
  assert.ok(i >= 0, `no line matches ${pattern}:\n${lines.join('\n')}`);
  return i;
}

describe('app/lessonRecord/lessonTimeline: the lesson record (issue 18 item 6)', () => {
  it('lists the lesson in order: start, joins, checks, the alert, who was told, who took it, when it stopped, leaves, end', () => {
    const lines = lessonWithAnAlert().lines();
    const order = [
      /^09:30 GMT The lesson started\.$/,
      /^09:30 GMT Ms Khan \(staff\) joined\.$/,
      /^09:31 GMT Amira \(pupil\) joined\.$/,
      /^09:31 GMT Ms Khan recorded "Consent" for Amira as yes\.$/,
      /^09:32 GMT Ms Khan ticked "Expectations read out to pupils" on the checklist\.$/,
      /^09:32 GMT Ms Khan set "Parent\/carer in the room" for Amira back to "not yet"\.$/,
      /^09:33 GMT Mr Osei \(staff\) left\.$/,
      /^09:33 GMT Serious alert: 1 pupil is in the lesson meeting with no member of staff\. Staff were asked to: Rejoin the meeting now/,
      /^09:34 GMT The DSL was told\.$/,
      /^09:35 GMT Mrs Fletcher said they were dealing with it: Pupils were in the meeting with no member of staff\.$/,
      /^09:36 GMT Ms Khan \(staff\) joined\.$/,
      /^09:36 GMT This alert stopped after 2 minutes: Pupils were in the meeting with no member of staff\.$/,
      /^09:38 GMT Amira \(pupil\) left\.$/,
      /^09:39 GMT Ms Khan \(staff\) was still in the meeting when it ended\.$/,
      /^09:39 GMT The meeting ended for everyone\.$/,
    ];
    const positions = order.map((pattern) => indexOf(lines, pattern));
    assert.deepEqual(
      positions,
      [...positions].sort((a, b) => a - b),
      `out of order:\n${lines.join('\n')}`,
    );
    assert.equal(lines.at(-1), '09:39 GMT The meeting ended for everyone.');
  });

  it('says when the DSL copy could not be delivered, and who else was told', () => {
    const run = new LessonRun()
      .event(
        started(at(0), { organizerId: 'teacher' }),
        join(teacher, at(0)),
        join(assistant, at(0)),
        join(amira, at(1)),
      )
      .event(leave('assistant', at(2)), leave('teacher', at(2)))
      .tick(at(2) + 31_000);
    const toDsl = (d: Delivery) => d.recipient.kind === 'person' && d.recipient.role === 'dsl';
    const lines = run.answer(at(3), 'failed', toDsl).answer(at(3)).lines();
    indexOf(lines, /^09:32 GMT The alert could not be delivered to the DSL\.$/);
    indexOf(lines, /^09:33 GMT Chaperone told the organizer, Ms Khan\.$/);
  });

  it('names the pupil a warning is about, and says when the warning stopped', () => {
    const run = new LessonRun()
      .event(started(at(0)), join(teacher, at(0)), join(assistant, at(0)), join(amira, at(1)))
      .tick(at(20))
      .answer(at(20));
    const lines = run
      .event(check('amira', 'consent', 'yes', at(22)))
      .answer(at(22))
      .lines();
    indexOf(lines, /^09:5\d GMT Warning \(Amira\): /);
    indexOf(lines, /^09:52 GMT This alert stopped after \d+ minutes \(Amira\): /);
  });

  it("marks the record as still going until the lesson ends, and dates it in the school's time zone", () => {
    const run = new LessonRun().event(started(at(0)), join(teacher, at(0)));
    const view = lessonTimeline(run.record, STRICT);
    assert.equal(view.inProgress, true);
    assert.equal(view.date, '2024-03-04');
    assert.equal(view.timeZone, STRICT.school.timeZone);
    assert.equal(lessonTimeline(run.event(ended(at(5))).record, STRICT).inProgress, false);
  });

  it("never cites the policy's seeds in anything it says", () => {
    const view = lessonTimeline(lessonWithAnAlert().answer(at(10)).record, STRICT);
    assert.ok(view.entries.length > 10);
    for (const entry of view.entries) assert.doesNotMatch(entry.text, /seed|bullet \d|line \d/i);
  });
});
