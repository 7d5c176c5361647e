import { strict as assert } from 'node:assert';
import { findingDeliveries } from '../../bot/src/app/delivery/delivery.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';

const school = sampleSchool();
const { teacher, assistant, dsl, pupils } = school;
const [amira, ben] = [pupils[0]!, pupils[1]!];

describe('scenarios: the end-of-lesson summary lists what went wrong (issue 14 "No false all clear")', function () {
  this.timeout(60_000);
  let connector: LessonHarness['connector'];
  let service: LessonHarness['service'];
  let meetingId: string;
  let lesson: LessonHarness['lesson'];

  useLessonHarness('lesson-summary-', (h) => ({ connector, service, meetingId, lesson } = h));
  const { send, advanceTo } = lessonDriver(() => service);
  const inboxOf = (aadObjectId: string) =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(aadObjectId));
  /** The text blocks of a 1:1 card, in order. */
  const cardText = (body: string) =>
    (
      JSON.parse(body) as { attachments: Array<{ content: { body: Array<{ text?: string }> } }> }
    ).attachments[0]!.content.body.map((b) => b.text ?? '').join('\n');

  it("a breach, one adult left with the pupils, then a one-to-one: the organizer's summary lists each, with the DSL copy Teams took and what to do now", async () => {
    const key = { tenantId: school.tenantId, meetingId };
    await send(lesson.start(at(0), { organizer: teacher }));
    for (const person of [teacher, assistant, amira, ben]) await send(lesson.join(person, at(1)));
    // "Report a breach" in the side panel goes through the service's one lesson path, as here.
    service.clock.current = at(3);
    const address = { serviceUrl: connector.url, conversationId: lesson.conversationId };
    await service.core.recordLessonEvent(
      key,
      { kind: 'breachReported', id: 'breach-1', at: at(3), by: assistant.aadObjectId },
      address,
    );
    await send(lesson.leave(assistant, at(4)));
    await advanceTo(at(4) + PAST_GRACE_MS);
    await send(lesson.leave(ben, at(8)));
    await advanceTo(at(8) + PAST_GRACE_MS);
    await send(lesson.leave(amira, at(12)));
    await send(lesson.end(at(13)));

    const record = await service.core.meetings.load(key);
    assert.deepEqual(
      Object.keys(record!.alerts),
      [],
      'by the end the alert book holds nothing: the summary must not read that as "all clear"',
    );
    const dslCopies = findingDeliveries(record!.deliveries ?? []).filter(
      (d) => d.recipient.kind === 'person' && d.recipient.role === 'dsl' && d.message.phase === 'raised',
    );
    assert.deepEqual(dslCopies.map((d) => [d.message.finding.ruleId, d.state]).sort(), [
      ['breach', 'sent'],
      ['no-one-to-one', 'sent'],
    ]);

    const summaries = inboxOf(teacher.aadObjectId).filter((m) => /Summary of/.test(m.text));
    assert.equal(summaries.length, 1);
    assert.equal(
      summaries[0]!.text,
      'Summary of "Year 5 maths": 2 serious problems to follow up',
      'the notification itself says there is something to follow up',
    );
    const text = cardText(summaries[0]!.body);
    assert.match(text, /This lesson had 2 serious safeguarding problems\. Follow up each one today:/);
    assert.match(
      text,
      new RegExp(
        [
          '• A member of staff reported a breach or serious misconduct, from 09:03 GMT to 09:13 GMT \\(10 min\\)\\.',
          'The DSL copy was delivered at 09:03 GMT\\. Nobody said they were dealing with it\\.',
          'What to do now: Check the breach with the DSL today\\.',
        ].join('\n'),
      ),
    );
    assert.match(
      text,
      new RegExp(
        [
          '• One adult was alone in the call with one pupil, from 09:08 GMT to 09:12 GMT \\(3 min\\)\\.',
          'The DSL copy was delivered at 09:08 GMT\\. Nobody said they were dealing with it\\.',
          'What to do now: Check the one-to-one call with the DSL today\\.',
        ].join('\n'),
      ),
    );
    assert.match(
      text,
      /Also in this lesson:\n• Fewer staff than the school asks for were with the pupils, from 09:04 GMT \(3 min\)\./,
    );
    assert.match(text, /Parental consent was never recorded for 2 pupils\./);
    assert.doesNotMatch(text, /No action|No safeguarding findings|Nothing went wrong|seed \d/);
    assert.doesNotMatch(text, /The DSL copy (could not|has not)/, 'the copies Teams took are not reported as missing');
    assert.ok(
      inboxOf(dsl.aadObjectId).every((m) => !/Summary of/.test(m.text)),
      'the register summary (pupil names) goes to the organizer only',
    );
  });

  it('a lesson with nothing wrong says so plainly', async () => {
    const key = { tenantId: school.tenantId, meetingId };
    await send(lesson.start(at(0), { organizer: teacher }));
    for (const person of [teacher, assistant, amira]) await send(lesson.join(person, at(0)));
    const by = teacher.aadObjectId;
    for (const [i, check] of (['consent', 'parentPresent', 'communalRoom'] as const).entries()) {
      await service.core.recordLessonEvent(key, {
        kind: 'pupilCheckRecorded',
        id: `check-${i}`,
        at: at(1),
        pupilId: amira.aadObjectId,
        check,
        value: true,
        by,
      });
    }
    for (const [i, item] of (['expectationsRead', 'rolesAgreed', 'recordingStarted'] as const).entries()) {
      await service.core.recordLessonEvent(key, {
        kind: 'checklistTicked',
        id: `tick-${i}`,
        at: at(1),
        item,
        ticked: true,
        by,
      });
    }
    await send(lesson.leave(amira, at(14)));
    await send(lesson.end(at(15)));
    const summary = inboxOf(teacher.aadObjectId).find((m) => /Summary of/.test(m.text))!;
    assert.equal(summary.text, 'Summary of "Year 5 maths"');
    assert.match(
      cardText(summary.body),
      /Nothing went wrong in this lesson: no safeguarding alert was raised, every check was recorded and the meeting ended for everyone\./,
    );
  });
});
