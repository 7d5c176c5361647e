import { strict as assert } from 'node:assert';
import { isPresent } from '../../bot/src/domain/presence.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { sampleSchool } from '../support/activities.js';
import { notifications, postedMessages } from '../support/connectorReads.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';

const school = sampleSchool();
const { teacher, assistant, pupils } = school;

describe('scenarios: lesson routines (checklist reminder, end summary, one-to-one record, roster watch)', function () {
  this.timeout(60_000);
  let connector: LessonHarness['connector'];
  let service: LessonHarness['service'];
  let meetingId: string;
  let lesson: LessonHarness['lesson'];
  const key = () => ({ tenantId: school.tenantId, meetingId });

  useLessonHarness('lesson-routines-', (h) => ({ connector, service, meetingId, lesson } = h));
  const { send, advanceTo } = lessonDriver(() => service);

  const toTeacher = () =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(teacher.aadObjectId));

  it('issue 4 "send staff the session checklist reminder": at the start the organizer gets the checklist and per-pupil checks in a 1:1 card, and pupils see only the code of conduct', async () => {
    await send(lesson.start(at(0), { organizer: teacher }));
    const reminder = toTeacher().filter((m) => /Session checklist/.test(m.text));
    assert.equal(reminder.length, 1);
    assert.match(reminder[0]!.body, /Expectations read out to pupils/);
    assert.match(reminder[0]!.body, /parent or carer has given consent/);
    const meetingChat = postedMessages(connector).filter((m) => m.conversation === lesson.conversationId);
    assert.ok(
      meetingChat.every((m) => !/checklist/i.test(m.body)),
      'the checklist never goes to the meeting chat',
    );
  });

  it('issue 4 "At meeting end" and seed 003 bullet 14: "End meeting" closes the register, records it in the lesson\'s partition and sends the organizer the summary', async () => {
    await send(lesson.start(at(0), { organizer: teacher }));
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(assistant, at(0)));
    await send(lesson.join(pupils[0]!, at(1)));
    await send(lesson.leave(pupils[0]!, at(14)));
    await send(lesson.end(at(15)));
    const summary = toTeacher().filter((m) => /Summary of/.test(m.text));
    assert.equal(summary.length, 1);
    assert.match(summary[0]!.body, /ended for everyone at 09:15 GMT, with every pupil out first/);
    assert.match(summary[0]!.body, /Amira \(FAKE\) \(pupil\): 09:01 GMT to 09:14 GMT, 13 min/);
    const events = await service.core.meetings.listEvents(key());
    const merged = events.filter((e) => e.kind === 'attendanceMerged');
    assert.equal(merged.length, 1);
    assert.ok(merged[0]!.kind === 'attendanceMerged' && merged[0]!.source === 'bot' && merged[0]!.lines.length === 3);
    // A redelivered end changes nothing and sends nothing more.
    const before = toTeacher().length;
    await send(lesson.end(at(15), events.find((e) => e.kind === 'meetingEnded')!.id));
    assert.equal(toTeacher().length, before);
  });

  it('seed 003 bullet 1, DESIGN 6a: a one-to-one is recorded once per lesson as a possible low-level staff-conduct concern for the DSL', async () => {
    await send(lesson.start(at(0), { organizer: teacher }));
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(pupils[0]!, at(1)));
    await advanceTo(at(1) + PAST_GRACE_MS);
    assert.ok(notifications(connector).some((n) => n.rule === 'no-one-to-one' && n.phase === 'raised'));
    // The colleague arrives, then drops out again: the alert is raised a second time.
    await send(lesson.join(assistant, at(3)));
    await send(lesson.leave(assistant, at(4)));
    await advanceTo(at(4) + PAST_GRACE_MS);
    assert.equal(notifications(connector).filter((n) => n.rule === 'no-one-to-one' && n.phase === 'raised').length, 2);
    const { concerns } = await service.core.concerns.list(school.tenantId, { status: 'all' });
    const records = concerns.filter((c) => c.details.lesson?.meetingId === meetingId);
    assert.equal(records.length, 1, 'once per lesson');
    assert.equal(records[0]!.details.category, 'staff-conduct');
    assert.doesNotMatch(JSON.stringify(records[0]), new RegExp(`${pupils[0]!.name}|${teacher.name}|KCSIE`));
  });

  it('DESIGN 6a and issue 4 "periodically while pupils are present": a leave Teams never sent is found by the periodic roster check', async () => {
    await send(lesson.start(at(0), { organizer: teacher }));
    for (const person of [teacher, assistant, pupils[0]!, pupils[1]!]) {
      await send(lesson.join(person, at(1)));
      connector.setParticipant(meetingId, person.teamsId, { inMeeting: true });
    }
    // Ben leaves, but the leave event never arrives.
    connector.setParticipant(meetingId, pupils[1]!.teamsId, { inMeeting: false });
    await advanceTo(at(2));
    assert.equal(
      (await service.core.meetings.listEvents(key())).filter((e) => e.kind === 'rosterReconciled').length,
      0,
      'not before the interval',
    );
    await advanceTo(at(4));
    const state = (await service.core.meetings.load(key()))!.state;
    assert.equal(isPresent(state.people[pupils[1]!.aadObjectId]!), false);
    assert.equal(isPresent(state.people[pupils[0]!.aadObjectId]!), true);
    assert.equal(state.rosterCheckedAt, at(4));
    // And again a few minutes later, while pupils remain.
    await advanceTo(at(7));
    assert.equal(
      (await service.core.meetings.listEvents(key())).filter((e) => e.kind === 'rosterReconciled').length,
      2,
    );
  });
});
