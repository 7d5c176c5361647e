import { strict as assert } from 'node:assert';
import { staffPair } from '../../../bot/src/domain/rules/staffPair.js';
import {
  at,
  compliantLesson,
  details,
  join,
  leave,
  meeting,
  policy,
  pupil,
  sec,
  staff,
  started,
  tick,
  timeline,
} from '../builders.js';

describe('rules/staff-pair', () => {
  const strict = policy();
  const oneAdult = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), join(pupil('p2'), at(1)), ...more);

  it('seed 000 #7: a second member of staff for safeguarding purposes', () => {
    const [finding] = staffPair.evaluate(strict, oneAdult(), at(2));
    assert.equal(finding?.key, 'staff-pair');
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.action ?? '', /start recording/);
  });

  it('seed 003 line 4: with one adult and the meeting recorded, only a reminder', () => {
    const [finding] = staffPair.evaluate(strict, oneAdult(details(at(1), { recording: true })), at(2));
    assert.equal(finding?.key, 'staff-pair:recorded');
    assert.equal(finding?.severity, 'info');
  });

  it('seed 000 #7: two staff with pupils is fine; staff alone need no pair', () => {
    assert.deepEqual(staffPair.evaluate(strict, compliantLesson(), at(5)), []);
    assert.deepEqual(staffPair.evaluate(strict, meeting(join(staff('t1'), at(0))), at(5)), []);
  });

  it('seed 000 #7: leaves the one-to-one and no-staff cases to their own, more urgent rules', () => {
    assert.deepEqual(
      staffPair.evaluate(strict, meeting(join(staff('t1'), at(0)), join(pupil('p1'), at(0))), at(1)),
      [],
    );
    assert.deepEqual(staffPair.evaluate(strict, meeting(join(pupil('p1'), at(0))), at(1)), []);
  });

  it('seed 000 #7: a colleague dropping for a few seconds pages nobody; a longer gap is raised and cleared', () => {
    const gap = compliantLesson(
      tick('recordingStarted', at(2), false),
      join(pupil('p2'), at(2)),
      leave('t2', sec(600)),
    );
    const back = compliantLesson(
      tick('recordingStarted', at(2), false),
      join(pupil('p2'), at(2)),
      leave('t2', sec(600)),
      join(staff('t2'), sec(700)),
    );
    const blip = timeline(
      strict,
      [
        { state: gap, now: sec(600) },
        { state: back, now: sec(610) },
      ],
      'staff-pair',
    );
    assert.deepEqual(
      blip.map((s) => s.started),
      [[], []],
    );
    const long = timeline(
      strict,
      [
        { state: gap, now: sec(600) },
        { state: gap, now: sec(630) },
        { state: back, now: sec(700) },
      ],
      'staff-pair',
    );
    assert.deepEqual(
      long.map((s) => [s.started, s.cleared]),
      [
        [[], []],
        [['staff-pair'], []],
        [[], ['staff-pair']],
      ],
    );
  });
});
