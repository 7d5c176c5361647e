import { strict as assert } from 'node:assert';
import { lessonRaises } from '../../../bot/src/app/lessonRoutines/lessonRaises.js';
import { allChecks, at, breachReported, ended, join, leave, policy, sec } from '../../domain/builders.js';
import { assistant, ben, checkedLesson, LessonRun, teacher, toDsl } from './lessonRun.js';

describe('app/lessonRoutines/lessonSummary: what went wrong (issue 14 "No false all clear")', () => {
  it('a breach cleared by the end is still listed, with when, for how long, the DSL copy Teams took, and what to do now', () => {
    const run = new LessonRun().event(checkedLesson(), breachReported(at(5))).answer(at(5));
    const { title, text } = run.event(leave('amira', at(14)), ended(at(15))).summary(at(15));
    assert.deepEqual(run.record.alerts, {}, 'the alert book has forgotten the breach by the end');
    assert.match(title, /^Summary of "Year 5 maths": a serious problem to follow up$/);
    assert.match(text, /This lesson had a serious safeguarding problem\. Follow up each one today:/);
    assert.match(
      text,
      /• A member of staff reported a breach or serious misconduct, from 09:35 GMT to 09:45 GMT \(10 min\)\./,
    );
    assert.match(text, /The DSL copy was delivered at 09:35 GMT\. Nobody said they were dealing with it\./);
    assert.match(text, /What to do now: Check the breach with the DSL today\./);
    assert.doesNotMatch(text, /No action|Nothing went wrong|No safeguarding findings|seed \d/);
  });

  it('an acknowledgement names who took the alert; one given for an earlier raise of the same finding does not count', () => {
    const run = new LessonRun()
      .event(checkedLesson(), leave('teacher', at(3)), leave('assistant', at(3)))
      .tick(at(3) + 31_000)
      .answer(at(4));
    run
      .acknowledge('unsupervised', at(5))
      .event(join(teacher, at(6)))
      .answer(at(6));
    let text = run.summary(at(6)).text;
    assert.match(text, /• Pupils were in the meeting with no member of staff, from 09:33 GMT to 09:36 GMT \(2 min\)\./);
    assert.match(
      text,
      /• The last member of staff left while pupils were still in the meeting, from 09:33 GMT to 09:36 GMT \(2 min\)\.\nNo copy went to a DSL\./,
    );
    assert.match(text, /Mrs Fletcher said they were dealing with it at 09:35 GMT\./);
    assert.match(text, /What to do now: Check the pupils left without an adult with Mrs Fletcher today\./);
    run
      .event(leave('teacher', at(8)))
      .tick(at(8) + 31_000)
      .answer(at(9))
      .event(ended(at(10)));
    text = run.summary(at(10)).text;
    assert.match(text, /This lesson had 4 serious safeguarding problems/);
    assert.equal(
      text.match(/Mrs Fletcher said they were dealing with it/g)?.length,
      1,
      'only the first raise was taken',
    );
    assert.match(
      text,
      /with no member of staff, from 09:38 GMT to 09:40 GMT \(1 min\)\.\nThe DSL copy was delivered at 09:39 GMT\. Nobody said they were dealing with it\./,
    );
  });

  it("a copy Teams never took, or took for only some DSLs, is said so, and the teacher is told to tell the DSL (with the school's number)", () => {
    const withPhone = policy({ dsl: { phone: '01234 567890' } });
    const failed = new LessonRun(withPhone)
      .event(checkedLesson(), breachReported(at(5)))
      .answer(at(5), 'failed')
      .event(ended(at(15)))
      .summary(at(15)).text;
    assert.match(failed, /The DSL copy could not be delivered\./);
    assert.match(failed, /What to do now: Tell the DSL about the breach yourself today \(phone 01234 567890\)\./);
    assert.doesNotMatch(failed, /was delivered|dealing with it/);
    const partly = new LessonRun()
      .event(checkedLesson(), breachReported(at(5)))
      .answer(at(5), 'failed', toDsl('dsl-2'))
      .answer(at(5))
      .summary(at(6)).text;
    assert.match(partly, /The DSL copy reached 1 of 2 DSLs, first at 09:35 GMT\./);
    const waiting = new LessonRun()
      .event(checkedLesson(), breachReported(at(5)))
      .answer(at(5), 'sent', (d) => d.recipient.kind !== 'person')
      .summary(at(6)).text;
    assert.match(waiting, /The DSL copy has not been delivered yet; Chaperone is still trying\./);
    assert.match(
      waiting,
      /What to do now: End the call for everyone now: .* Then: Tell the DSL about the breach yourself today\./,
    );
  });

  it('a breach nobody was alerted about (the school turned the alert off) is still listed as serious, with no DSL copy', () => {
    const quiet = policy({ breach: { endCallForAll: false, informDsl: false } });
    const { text } = new LessonRun(quiet)
      .event(checkedLesson(), breachReported(at(5)), leave('amira', at(9)), ended(at(10)))
      .summary(at(10));
    assert.match(
      text,
      /A member of staff reported a breach or serious misconduct, from 09:35 GMT to 09:40 GMT \(5 min\)\.\nNo copy went to a DSL\./,
    );
    assert.match(text, /Tell the DSL about the breach yourself today/);
  });

  it('a raise withdrawn before it went, escalation to the deputies, and an alert still open at the summary are each told as they are', () => {
    const withdrawn = new LessonRun()
      .event(checkedLesson(), leave('teacher', at(3)), leave('assistant', at(3)))
      .tick(at(3) + 31_000)
      .event(join(teacher, at(4)))
      .summary(at(5)).text;
    assert.match(withdrawn, /No copy went to the DSL: it was over before the alert could be sent\./);
    const run = new LessonRun().event(checkedLesson(), breachReported(at(5))).answer(at(5));
    run.record.deliveries!.push({
      ...run.record.deliveries!.find(toDsl('dsl-1'))!,
      id: 'deputy',
      recipient: { kind: 'person', aadObjectId: 'deputy-1', role: 'deputy' },
    });
    const open = run.summary(at(12)).text;
    assert.match(open, /from 09:35 GMT and not over at 09:42 GMT \(7 min so far\)\./);
    assert.match(open, /Nobody took it in time, so it also went to the deputy DSLs\./);
    assert.match(
      open,
      /What to do now: End the call for everyone now: More actions \(three dots\), End meeting\. Then: Check the breach with the DSL today\./,
    );
  });

  it('warnings that matter: one adult with pupils for a while, over time, a lesson not ended for everyone', () => {
    const unrecorded = policy({ staffing: { recordIfSingleStaff: false } });
    const run = new LessonRun(unrecorded)
      .event(checkedLesson(), join(ben, at(2)), allChecks('ben', at(2)), leave('assistant', at(4)))
      .tick(at(4) + 31_000)
      .answer(sec(270));
    run
      .event(join(assistant, at(10)))
      .tick(at(20))
      .answer(at(20))
      .event(leave('amira', at(22)), leave('ben', at(22)), leave('teacher', at(23)), leave('assistant', at(23)));
    const { title, text } = run.summary(at(24));
    assert.equal(title, 'Summary of "Year 5 maths"');
    assert.match(text, /No serious safeguarding alert was raised, but these need looking at:/);
    assert.match(text, /• Fewer staff than the school asks for were with the pupils, from 09:34 GMT \(5 min\)\./);
    assert.match(text, /• The lesson ran over its time limit, from 09:50 GMT/);
    assert.match(text, /• Teams has not reported the meeting as ended for everyone/);
    assert.doesNotMatch(text, /Nothing went wrong|No action/);
  });

  it('lists every raise of the lesson from the outbox, the book and the breaches, oldest first', () => {
    const run = new LessonRun()
      .event(checkedLesson(), breachReported(at(5)), leave('assistant', at(6)))
      .tick(at(6) + 31_000)
      .answer(at(7));
    const raises = lessonRaises(run.event(leave('amira', at(9)), ended(at(10))).record);
    assert.deepEqual(
      raises.map((r) => [r.ruleId, r.severity, r.open]),
      [
        ['breach', 'critical', false],
        ['no-one-to-one', 'critical', false],
      ],
    );
    assert.deepEqual(
      raises.map((r) => r.dsl.state),
      ['sent', 'sent'],
    );
  });
});
