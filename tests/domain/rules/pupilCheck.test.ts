import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { communalRoom } from '../../../bot/src/domain/rules/communalRoom.js';
import { consent } from '../../../bot/src/domain/rules/consent.js';
import { noOneToOne } from '../../../bot/src/domain/rules/noOneToOne.js';
import { parentPresent } from '../../../bot/src/domain/rules/parentPresent.js';
import type { MeetingEvent, PupilCheck, PupilCheckState } from '../../../bot/src/domain/types.js';
import { at, check, join, legacyCheck, meeting, policy, pupil, staff, started, timeline } from '../builders.js';

const crossways = policy({}, 'crossways');
const base = (): MeetingEvent[] => [
  started(at(0), { id: 's' }),
  join(staff('t1'), at(0), 'j1'),
  join(staff('t2'), at(0), 'j2'),
  join(pupil('p1'), at(1), 'j3'),
];
const RULES = [consent, parentPresent, communalRoom] as const;

describe('rules/pupil checks: yes, no and not yet', () => {
  it('"no" raises the instruction to remove the pupil; setting it back to "not yet" clears it', () => {
    const steps = timeline(
      crossways,
      [
        { state: meeting(base(), check('p1', 'parentPresent', 'no', at(2), 'n')), now: at(2) },
        {
          state: meeting(
            base(),
            check('p1', 'parentPresent', 'no', at(2), 'n'),
            check('p1', 'parentPresent', 'notYet', at(3), 'u'),
          ),
          now: at(3),
        },
      ],
      'parent-present',
    );
    assert.deepEqual(
      steps.map((s) => [s.started, s.cleared]),
      [
        [['parent-present:p1:no'], []],
        [[], ['parent-present:p1:no']],
      ],
    );
    const [removal] = parentPresent.evaluate(
      crossways,
      meeting(base(), check('p1', 'parentPresent', 'no', at(2))),
      at(2),
    );
    assert.match(removal?.action ?? '', /remove them from the meeting/);
  });

  it('"not yet" after the allowed minutes is a reminder, never the removal', () => {
    const undone = meeting(
      base(),
      check('p1', 'consent', 'no', at(2), 'n'),
      check('p1', 'consent', 'notYet', at(3), 'u'),
    );
    assert.deepEqual(
      consent.evaluate(crossways, undone, at(3)).map((f) => f.key),
      [],
      'within the minutes: nothing',
    );
    assert.deepEqual(
      consent.evaluate(crossways, undone, at(30)).map((f) => f.key),
      ['consent:p1'],
    );
    const neverRecorded = meeting(base());
    assert.equal(
      consent.nextChangeAt?.(crossways, undone, at(3)),
      consent.nextChangeAt?.(crossways, neverRecorded, at(3)),
      'the reminder timer is set again',
    );
  });

  it('an old stored "no" (value false) still raises the removal', () => {
    assert.deepEqual(
      consent.evaluate(crossways, meeting(base(), legacyCheck('p1', 'consent', false, at(2))), at(2)).map((f) => f.key),
      ['consent:p1:no'],
    );
  });

  it('a parent counts towards the people in the call only while recorded as yes', () => {
    const oneAdult = (...more: MeetingEvent[]) =>
      meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ...more);
    const lenient = policy({ staffing: { forbidOneToOne: false, minParticipants: 3, minStaffWithPupils: 1 } });
    const keys = (...more: MeetingEvent[]) => noOneToOne.evaluate(lenient, oneAdult(...more), at(2)).map((f) => f.key);
    assert.deepEqual(keys(check('p1', 'parentPresent', 'yes', at(1), 'y')), []);
    assert.deepEqual(
      keys(check('p1', 'parentPresent', 'yes', at(1), 'y'), check('p1', 'parentPresent', 'notYet', at(2), 'u')),
      ['no-one-to-one:participants'],
    );
  });

  it('property: the last recorded state wins, and "not yet" is the same as never recorded for every check rule', () => {
    const recording = fc.record({
      check: fc.constantFrom<PupilCheck>('consent', 'parentPresent', 'communalRoom'),
      state: fc.constantFrom<PupilCheckState>('yes', 'no', 'notYet'),
      minute: fc.integer({ min: 1, max: 20 }),
    });
    fc.assert(
      fc.property(fc.array(recording, { maxLength: 10 }), fc.integer({ min: 0, max: 40 }), (specs, minute) => {
        const events = specs.map((r, i) =>
          check('p1', r.check, r.state, at(r.minute), `r${String(i).padStart(2, '0')}`),
        );
        // Only the last recording of each check, and none at all where it is "not yet".
        const lastOf = new Map<PupilCheck, MeetingEvent>();
        [...events]
          .sort((a, b) => a.at - b.at || (a.id < b.id ? -1 : 1))
          .forEach((e) => e.kind === 'pupilCheckRecorded' && lastOf.set(e.check, e));
        const kept = [...lastOf.values()].filter((e) => !('state' in e && e.state === 'notYet'));
        const now = at(minute);
        for (const rule of RULES) {
          const full = meeting(base(), events);
          const simple = meeting(base(), kept);
          assert.deepEqual(rule.evaluate(crossways, full, now), rule.evaluate(crossways, simple, now), rule.id);
          assert.equal(rule.nextChangeAt?.(crossways, full, now), rule.nextChangeAt?.(crossways, simple, now), rule.id);
        }
      }),
    );
  });
});
