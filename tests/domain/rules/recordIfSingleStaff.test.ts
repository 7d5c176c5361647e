import { strict as assert } from 'node:assert';
import { recordIfSingleStaff } from '../../../bot/src/domain/rules/recordIfSingleStaff.js';
import { at, join, meeting, policy, pupil, sec, staff, started, tick, timeline } from '../builders.js';

describe('rules/record-if-single-staff', () => {
  const guidance = policy({}, 'staff-guidance');
  const oneAdult = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), join(pupil('p2'), at(1)), ...more);

  it('seed 003 line 4: one member of staff with pupils and no recording must record', () => {
    const [finding] = recordIfSingleStaff.evaluate(guidance, oneAdult(), at(2));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.action ?? '', /Start recording/);
  });

  it('seed 003 line 4: recording (ticked by staff) satisfies it; two staff need no recording', () => {
    assert.deepEqual(recordIfSingleStaff.evaluate(guidance, oneAdult(tick('recordingStarted', at(1))), at(2)), []);
    assert.deepEqual(recordIfSingleStaff.evaluate(guidance, oneAdult(join(staff('t2'), at(1))), at(2)), []);
  });

  it('seed 003 line 4: left to the recording rule when every lesson must be recorded', () => {
    assert.equal(recordIfSingleStaff.enabled(policy()), false);
    assert.equal(recordIfSingleStaff.enabled(guidance), true);
  });

  it('seed 003 line 4: waits for the grace period, then clears once recording starts', () => {
    const steps = timeline(
      guidance,
      [
        { state: oneAdult(), now: at(1) },
        { state: oneAdult(), now: at(1) + 30_000 },
        { state: oneAdult(tick('recordingStarted', sec(120))), now: sec(120) },
      ],
      'record-if-single-staff',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [[], []],
        [['record-if-single-staff'], []],
        [[], ['record-if-single-staff']],
      ],
    );
  });
});
