import { strict as assert } from 'node:assert';
import { buildRegister } from '../../bot/src/domain/register.js';
import { sampleSchool } from '../support/activities.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';
import { notifications, postedMessages as directMessages } from '../support/connectorReads.js';

const school = sampleSchool();
const { teacher, assistant, pupils } = school;

describe('scenarios: a lesson end to end (real service, Azurite, fake Teams connector)', function () {
  this.timeout(60_000);
  let connector: LessonHarness['connector'];
  let service: LessonHarness['service'];
  let meetingId: string;
  let lesson: LessonHarness['lesson'];

  useLessonHarness('MCMxOTptZWV0aW5n', (h) => ({ connector, service, meetingId, lesson } = h));
  const { send, advanceTo } = lessonDriver(() => service);

  const startLessonWithEveryone = async (): Promise<void> => {
    await send(lesson.start(at(0)));
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(assistant, at(0)));
    for (const pupil of pupils) await send(lesson.join(pupil, at(1)));
  };

  it('seed 000 #7 and seed 003 bullet 2: two staff with pupils raise no supervision alert', async () => {
    await startLessonWithEveryone();
    await advanceTo(at(1) + PAST_GRACE_MS);
    const rules = notifications(connector).map((n) => n.rule);
    for (const rule of ['staff-pair', 'no-one-to-one', 'unsupervised', 'end-for-all'])
      assert.ok(!rules.includes(rule), `unexpected ${rule} alert`);
    const record = await service.core.meetings.load({ tenantId: school.tenantId, meetingId });
    assert.equal(Object.keys(record!.state.people).length, 5);
  });

  it("seed 000 #7: when the second adult leaves, the remaining teacher is alerted after the grace period; a colleague's return ends it without another ping", async () => {
    await startLessonWithEveryone();
    await send(lesson.leave(assistant, at(2)));
    await advanceTo(at(2) + 5_000);
    assert.ok(
      !notifications(connector).some((n) => n.rule === 'staff-pair'),
      'a blip inside the grace period pages nobody',
    );
    await advanceTo(at(2) + PAST_GRACE_MS);
    const raised = notifications(connector).filter((n) => n.rule === 'staff-pair' && n.phase === 'raised');
    assert.equal(raised.length, 1);
    assert.deepEqual(raised[0]!.recipients, [teacher.teamsId], 'only staff present are addressed; never pupils');
    service.clock.current = at(3);
    await send(lesson.join(assistant, at(3)));
    const record = await service.core.meetings.load({ tenantId: school.tenantId, meetingId });
    assert.equal(record!.alerts['staff-pair']?.raisedAt, undefined, 'over: the side panel shows it gone');
    const cleared = notifications(connector).filter((n) => n.rule === 'staff-pair' && n.phase === 'cleared');
    assert.equal(cleared.length, 0, 'a warning that ended is shown in the side panel, not pushed (issue 18)');
  });

  it("seed 003 bullet 1 and seed 001 #4: a teacher alone with one pupil is alerted and every DSL is told, without the pupil's name", async () => {
    await send(lesson.start(at(0)));
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(pupils[0]!, at(1)));
    await advanceTo(at(1) + PAST_GRACE_MS);
    assert.ok(
      notifications(connector).some((n) => n.rule === 'no-one-to-one' && n.recipients.includes(teacher.teamsId)),
    );
    const toDsl = directMessages(connector).filter((m) => /one pupil|one-to-one|alone/i.test(m.text));
    assert.ok(toDsl.length >= 1, 'the DSL gets a 1:1 card');
    for (const message of directMessages(connector))
      assert.ok(!message.text.includes(pupils[0]!.name), 'preview text never names the pupil');
  });

  it('seed 003 bullets 14-15: the teacher hangs up and leaves pupils alone: the DSL is alerted (critical)', async () => {
    await startLessonWithEveryone();
    await send(lesson.leave(assistant, at(10)));
    await send(lesson.leave(teacher, at(10)));
    await advanceTo(at(10) + PAST_GRACE_MS);
    const dslTexts = directMessages(connector)
      .map((m) => m.text)
      .join('\n');
    assert.match(dslTexts, /without an adult|unsupervised|not ended/i);
    const meetingChatPosts = connector.requests.filter(
      (r) => r.method === 'POST' && r.decodedPath.startsWith(`/v3/conversations/${lesson.conversationId}/activities`),
    );
    for (const post of meetingChatPosts)
      assert.doesNotMatch(
        JSON.stringify(post.body),
        /alert|DSL|unsupervised/i,
        'no alert is ever posted into the meeting chat',
      );
  });

  it('seed 003 bullet 14: "End meeting" for everyone raises no alert and closes the register with minutes present', async () => {
    await startLessonWithEveryone();
    await send(lesson.end(at(15)));
    await advanceTo(at(15) + PAST_GRACE_MS);
    assert.ok(!notifications(connector).some((n) => ['unsupervised', 'end-for-all'].includes(n.rule ?? '')));
    const record = await service.core.meetings.load({ tenantId: school.tenantId, meetingId });
    const register = buildRegister(record!.state, at(16));
    assert.equal(register.length, 5);
    const pupilRow = register.find((r) => r.id === pupils[0]!.aadObjectId)!;
    assert.equal(pupilRow.minutesPresent, 14);
    assert.equal(pupilRow.presentNow, false);
  });

  it('seed 004 line 28: a pupil lesson past 20 minutes gets a countdown warning and a limit alert', async () => {
    await startLessonWithEveryone();
    await advanceTo(at(16));
    await advanceTo(at(21));
    const rules = notifications(connector)
      .filter((n) => n.phase === 'raised')
      .flatMap((n) => n.rules);
    assert.ok(rules.filter((r) => r === 'max-duration').length >= 2, `countdown then limit, got ${rules.join(',')}`);
  });

  it('every activity delivered twice is applied once', async () => {
    const activities = [
      lesson.start(at(0)),
      lesson.join(teacher, at(0)),
      lesson.join(pupils[0]!, at(1)),
      lesson.join(assistant, at(1)),
      lesson.leave(pupils[0]!, at(5)),
    ];
    for (const activity of [...activities, ...activities]) await send(activity);
    const key = { tenantId: school.tenantId, meetingId };
    const events = await service.core.meetings.listEvents(key);
    assert.equal(events.length, activities.length);
    const record = await service.core.meetings.load(key);
    assert.equal(record!.state.people[pupils[0]!.aadObjectId]!.marks.length, 2);
  });
});
