import { strict as assert } from 'node:assert';
import { recording } from '../../../bot/src/domain/rules/recording.js';
import { at, details, join, meeting, policy, pupil, staff, started, tick, timeline } from '../builders.js';

describe('rules/recording', () => {
  const goodmayes = policy({}, 'goodmayes');
  const lesson = (...more: Parameters<typeof meeting>) =>
    meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ...more);

  it('seed 004 line 35: meetings will be recorded to safeguard staff', () => {
    const [finding] = recording.evaluate(goodmayes, lesson(), at(5));
    assert.equal(finding?.severity, 'warning');
    assert.match(finding?.message ?? '', /^This lesson is not being recorded; school policy/);
  });

  it('seed 001 #2: teachers record the sessions: Teams reporting it, or a tick, satisfies it', () => {
    assert.deepEqual(recording.evaluate(goodmayes, lesson(details(at(2), { recording: true })), at(10)), []);
    assert.deepEqual(recording.evaluate(goodmayes, lesson(tick('recordingStarted', at(2))), at(10)), []);
    assert.deepEqual(recording.evaluate(goodmayes, meeting(started(at(0)), join(staff('t1'), at(0))), at(10)), []);
  });

  it('seed 001 #2: the teacher has the checklist minutes to start it; not required in presets that do not ask', () => {
    assert.deepEqual(recording.evaluate(goodmayes, lesson(), at(4.9)), []);
    assert.equal(recording.nextChangeAt?.(goodmayes, lesson(), at(1)), at(5));
    assert.equal(recording.enabled(policy({}, 'home-school')), false);
  });

  it('seed 004 line 35: raised at the deadline, cleared when recording starts', () => {
    const steps = timeline(
      goodmayes,
      [
        { state: lesson(), now: at(5) },
        { state: lesson(details(at(6), { recording: true })), now: at(6) },
      ],
      'recording',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['recording'], []],
        [[], ['recording']],
      ],
    );
  });
});
