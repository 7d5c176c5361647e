import { strict as assert } from 'node:assert';
import { lessonClosing, lessonSummary } from '../../../bot/src/app/lessonRoutines/lessonSummary.js';
import type { AlertBook, Finding, MeetingState } from '../../../bot/src/domain/types.js';
import {
  allChecks,
  at,
  ended,
  join,
  leave,
  meeting,
  policy,
  pupil,
  staff,
  started,
  tick,
} from '../../domain/builders.js';

const POLICY = policy();
const summary = (state: MeetingState, alerts: AlertBook = {}, attendance?: Parameters<typeof lessonSummary>[3]) =>
  lessonSummary({ state, alerts }, POLICY, at(21), attendance);
const teacher = staff('teacher', { name: 'Ms Khan' });
const assistant = staff('assistant', { name: 'Mr Osei' });
const amira = pupil('amira', { name: 'Amira' });

describe('app/lessonRoutines/lessonSummary', () => {
  const base = [started(at(0)), join(teacher, at(0)), join(assistant, at(0)), join(amira, at(1))];
  const checked = [...base, ...allChecks('amira', at(2)), tick('expectationsRead', at(2)), tick('rolesAgreed', at(2))];

  it('seed 001 #6: pupils who left before "End meeting" were out first', () => {
    const closing = lessonClosing(meeting(base, leave('amira', at(18)), ended(at(20))));
    assert.deepEqual(closing, { endedForEveryone: true, endedAt: at(20), pupilsOutFirst: true });
  });

  it('seed 001 #6: a pupil still in when the meeting ended was not out first', () => {
    assert.equal(lessonClosing(meeting(base, ended(at(20)))).pupilsOutFirst, false);
  });

  it('seed 003 bullet 14: a lesson Teams never ended is not "ended for everyone"; a pupil who stayed after the last adult was not out first', () => {
    const closing = lessonClosing(
      meeting(base, leave('teacher', at(15)), leave('assistant', at(15)), leave('amira', at(16))),
    );
    assert.equal(closing.endedForEveryone, false);
    assert.equal(closing.pupilsOutFirst, false);
  });

  it('a staff-only meeting says nothing about pupils', () => {
    assert.equal(lessonClosing(meeting(started(at(0)), join(teacher, at(0)), ended(at(5)))).pupilsOutFirst, undefined);
  });

  it('issue 4 "At meeting end": the summary has first join, last leave and minutes per person, how it ended, and a finding still open without its policy citation', () => {
    const state = meeting(checked, leave('amira', at(18)), ended(at(20)));
    const open: Finding = {
      ruleId: 'school-hours',
      key: 'school-hours',
      severity: 'warning',
      audience: ['staffPresent'],
      message: 'Pupils are in a lesson outside school hours.',
      action: 'End it.',
      debounce: false,
      source: 'seed 001 #3',
    };
    const card = summary(state, { [open.key]: { finding: open, firstSeenAt: at(6), raisedAt: at(6) } });
    const text = card.lines.join('\n');
    assert.match(text, /ended for everyone at 09:50 GMT, with every pupil out first/);
    assert.match(text, /Amira \(pupil\): 09:31 GMT to 09:48 GMT, 17 min/);
    assert.match(text, /Ms Khan \(staff\): 09:30 GMT to 09:50 GMT, 20 min/);
    assert.match(text, /Pupils were in the lesson outside school hours, from 09:36 GMT/);
    assert.doesNotMatch(text, /seed \d/, 'no policy citations in what a teacher reads');
  });

  it('issue 14 "No false all clear": pupils still in at the end and checks never done are listed; nothing is called all clear', () => {
    const text = summary(meeting(base, ended(at(20)))).lines.join('\n');
    assert.match(text, /No serious safeguarding alert was raised, but these need looking at:/);
    assert.match(text, /Pupils were still in the meeting when it ended\. Next time ask pupils to leave first/);
    assert.match(text, /Parental consent was never recorded for a pupil\./);
    assert.match(text, /Nobody recorded that a parent or carer was with a pupil\./);
    assert.match(text, /The expectations for keeping safe online were never ticked as read out to pupils\./);
    assert.doesNotMatch(text, /No safeguarding findings|Nothing went wrong|No action/);
  });

  it('issue 14: a lesson Teams never ended for everyone says so in the list of what went wrong', () => {
    const text = summary(
      meeting(checked, leave('amira', at(15)), leave('teacher', at(16)), leave('assistant', at(16))),
    ).lines.join('\n');
    assert.match(text, /• Teams has not reported the meeting as ended for everyone: check that nobody is still in it/);
    assert.doesNotMatch(text, /Nothing went wrong/);
  });

  it('issue 14: a lesson with nothing wrong says so plainly, and its title asks for nothing', () => {
    const card = summary(meeting(checked, leave('amira', at(18)), ended(at(20))));
    assert.match(
      card.lines.join('\n'),
      /Nothing went wrong in this lesson: no safeguarding alert was raised, every check was recorded and the meeting ended for everyone\./,
    );
    assert.equal(card.title, 'Summary of "Year 5 maths"');
  });

  it('a pupil who left before their checks were due is not listed as unchecked', () => {
    const text = summary(
      meeting(base, tick('expectationsRead', at(2)), tick('rolesAgreed', at(2)), leave('amira', at(3)), ended(at(20))),
    ).lines.join('\n');
    assert.doesNotMatch(text, /never recorded|Nobody recorded/);
    assert.match(text, /Nothing went wrong/);
  });

  it("issue 7: with Teams' report merged, a person only Teams saw is listed; when the report is unavailable the note says the register is the bot's own", () => {
    const state = meeting(base, leave('amira', at(18)), ended(at(20)));
    const merged = summary(
      state,
      {},
      {
        lines: [
          { name: 'Late Joiner', intervals: [{ joinAt: at(5), leaveAt: at(10) }], minutes: 5, seenBy: ['teams'] },
        ],
      },
    ).lines.join('\n');
    assert.match(merged, /Late Joiner \(seen only by Teams\): 09:35 GMT to 09:40 GMT, 5 min/);
    assert.match(merged, /Teams' own attendance report/);
    const degraded = summary(
      state,
      {},
      { unavailable: "Teams' attendance report could not be read just now." },
    ).lines.join('\n');
    assert.match(degraded, /could not be read just now\. This register is from what Chaperone saw/);
    assert.match(degraded, /Amira \(pupil\)/);
  });
});
