import { strict as assert } from 'node:assert';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';

const school = sampleSchool();
const { teacher, assistant, dsl, pupils } = school;

// Issue 18: "the rejoin-after-end case is a generic 'unsupervised' alert and re-sends the welcome card and checklist".
describe('scenarios: pupils join a lesson again after it was ended for everyone', function () {
  this.timeout(60_000);
  let connector: LessonHarness['connector'];
  let service: LessonHarness['service'];
  let lesson: LessonHarness['lesson'];

  useLessonHarness('rejoin-after-end-', (h) => ({ connector, service, lesson } = h));
  const { send, advanceTo } = lessonDriver(() => service);

  const chatOf = (who: { aadObjectId: string }) =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(who.aadObjectId));
  const meetingChat = () => postedMessages(connector).filter((m) => m.conversation === lesson.conversationId);
  const checklists = () => chatOf(teacher).filter((m) => /Session checklist/.test(m.text));

  /** A lesson run and ended for everyone at 09:15, with the welcome card and checklist sent once. */
  async function endedLesson(): Promise<void> {
    await send(lesson.start(at(0), { organizer: teacher }));
    for (const person of [teacher, assistant, pupils[0]!]) await send(lesson.join(person, at(0)));
    await send(lesson.end(at(15)));
    assert.equal(meetingChat().length, 1, 'the welcome card at the first start');
    assert.equal(checklists().length, 1, 'the checklist at the first start');
  }

  it('a pupil back in the lesson the same morning: no second welcome card or checklist, and an alert that says the lesson had ended', async () => {
    await endedLesson();
    // The link still works: Teams starts the call afresh when the pupil uses it.
    await send(lesson.start(at(40), { organizer: teacher }));
    await send(lesson.join(pupils[0]!, at(40)));
    await advanceTo(at(40) + PAST_GRACE_MS);
    assert.equal(meetingChat().length, 1, 'no second welcome card in the meeting chat');
    assert.equal(checklists().length, 1, 'no second checklist reminder');
    for (const who of [teacher, dsl]) {
      const alert = chatOf(who).find((m) => /after it was ended for everyone/.test(m.body));
      assert.ok(alert, `${who.name} is told what happened`);
      assert.match(alert.body, /Someone joined \\"Year 5 maths\\" after it was ended for everyone/);
      assert.match(alert.body, /choose End meeting/, 'and what to do');
      assert.doesNotMatch(alert.body, /in the lesson meeting with no member of staff\./, 'not the generic wording');
      assert.ok(!alert.body.includes(pupils[0]!.name), 'no pupil named');
    }
  });

  it("the next day's meeting of the same series is a new lesson: welcome card and checklist again", async () => {
    await endedLesson();
    const nextDay = at(24 * 60);
    await send(lesson.start(nextDay, { organizer: teacher }));
    await send(lesson.join(teacher, nextDay));
    assert.equal(meetingChat().length, 2);
    assert.equal(checklists().length, 2);
  });
});
