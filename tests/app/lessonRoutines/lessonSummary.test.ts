import { strict as assert } from 'node:assert';
import { lessonClosing, lessonSummary } from '../../../bot/src/app/lessonRoutines/lessonSummary.js';
import type { AlertBook, Finding } from '../../../bot/src/domain/types.js';
import { at, ended, join, leave, meeting, pupil, staff, started } from '../../domain/builders.js';

const ZONE = 'Europe/London';
const teacher = staff('teacher', { name: 'Ms Khan' });
const assistant = staff('assistant', { name: 'Mr Osei' });
const amira = pupil('amira', { name: 'Amira' });

describe('app/lessonRoutines/lessonSummary', () => {
  const base = [started(at(0)), join(teacher, at(0)), join(assistant, at(0)), join(amira, at(1))];

  it('seed 001 #6: pupils who left before "End meeting" were out first', () => {
    const closing = lessonClosing(meeting(base, leave('amira', at(18)), ended(at(20))));
    assert.deepEqual(closing, { endedForEveryone: true, endedAt: at(20), pupilsOutFirst: true });
  });

  it('seed 001 #6: a pupil still in when the meeting ended was not out first', () => {
    assert.equal(lessonClosing(meeting(base, ended(at(20)))).pupilsOutFirst, false);
  });

  it('seed 003 bullet 14: a lesson Teams never ended is not "ended for everyone"; a pupil who stayed after the last adult was not out first', () => {
    const closing = lessonClosing(meeting(base, leave('teacher', at(15)), leave('assistant', at(15)), leave('amira', at(16))));
    assert.equal(closing.endedForEveryone, false);
    assert.equal(closing.pupilsOutFirst, false);
  });

  it('a staff-only meeting says nothing about pupils', () => {
    assert.equal(lessonClosing(meeting(started(at(0)), join(teacher, at(0)), ended(at(5)))).pupilsOutFirst, undefined);
  });

  it('issue 4 "At meeting end": the summary has first join, last leave and minutes per person, how it ended, and the findings still open', () => {
    const state = meeting(base, leave('amira', at(18)), ended(at(20)));
    const open: Finding = { ruleId: 'consent', key: 'consent:amira', severity: 'warning', audience: ['staffPresent'], message: 'Consent is not recorded for a pupil.', action: 'Record it.', debounce: false, source: 'seed 001 #1' };
    const alerts: AlertBook = { [open.key]: { finding: open, firstSeenAt: at(6), raisedAt: at(6) } };
    const card = lessonSummary(state, alerts, at(21), ZONE);
    const text = card.lines.join('\n');
    assert.match(text, /ended for everyone at 09:50 GMT, with every pupil out first/);
    assert.match(text, /Amira \(pupil\): 09:31 GMT to 09:48 GMT, 17 min/);
    assert.match(text, /Ms Khan \(staff\): 09:30 GMT to 09:50 GMT, 20 min/);
    assert.match(text, /Consent is not recorded for a pupil\. \(seed 001 #1\)/);
  });

  it('says when pupils were still in at the end, and when nothing is open', () => {
    const text = lessonSummary(meeting(base, ended(at(20))), {}, at(21), ZONE).lines.join('\n');
    assert.match(text, /Pupils were still in the meeting when it ended/);
    assert.match(text, /No safeguarding findings were still open/);
  });

  it('issue 7: with Teams\' report merged, a person only Teams saw is listed; when the report is unavailable the note says the register is the bot\'s own', () => {
    const state = meeting(base, leave('amira', at(18)), ended(at(20)));
    const merged = lessonSummary(state, {}, at(21), ZONE, { lines: [{ name: 'Late Joiner', intervals: [{ joinAt: at(5), leaveAt: at(10) }], minutes: 5, seenBy: ['teams'] }] }).lines.join('\n');
    assert.match(merged, /Late Joiner \(seen only by Teams\): 09:35 GMT to 09:40 GMT, 5 min/);
    assert.match(merged, /Teams' own attendance report/);
    const degraded = lessonSummary(state, {}, at(21), ZONE, { unavailable: 'Teams\' attendance report could not be read just now.' }).lines.join('\n');
    assert.match(degraded, /could not be read just now\. This register is from what Chaperone saw/);
    assert.match(degraded, /Amira \(pupil\)/);
  });
});
