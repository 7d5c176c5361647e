import assert from 'node:assert/strict';
import { buildStatusView } from '../../../bot/src/app/sidePanel/buildStatusView.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import type { MeetingEvent, TrackedFinding } from '../../../bot/src/domain/types.js';
import { joined, lesson, MIN, pupil, started, T0, teacher } from './statusViewFixtures.js';

describe('app/sidePanel/buildStatusView', () => {
  const policy = policyFromPreset('strict');

  it('times a lesson with pupils against the pupil limit (seed 004 line 28) and reminds staff to end it near the limit', () => {
    const record = lesson([started, joined(teacher, T0), joined(pupil, T0 + MIN)]);
    const early = buildStatusView(record, policy, T0 + 5 * MIN);
    assert.equal(early.timer.kind, 'lesson');
    assert.equal(early.timer.limitMinutes, policy.duration.pupilSessionMinutes);
    assert.equal(early.timer.remainingMs, 15 * MIN);
    assert.equal(early.endReminder, false);
    assert.equal(buildStatusView(record, policy, T0 + 16 * MIN).endReminder, true);
  });

  it('sends no countdown and no end reminder once the lesson has ended, only how long it lasted', () => {
    const ended: MeetingEvent = { kind: 'meetingEnded', id: 'e', at: T0 + 24 * MIN };
    const view = buildStatusView(
      lesson([started, joined(teacher, T0), joined(pupil, T0 + MIN), ended]),
      policy,
      T0 + 40 * MIN,
    );
    assert.equal(view.endedAt, T0 + 24 * MIN);
    assert.equal(view.timer.elapsedMs, 24 * MIN, 'timed to the end, not to now');
    assert.equal(view.timer.remainingMs, undefined);
    assert.equal(view.endReminder, false);
  });

  it('times a staff-only meeting against the staff limit (seed 004 line 29)', () => {
    const view = buildStatusView(lesson([started, joined(teacher, T0)]), policy, T0 + MIN);
    assert.equal(view.timer.kind, 'staffOnly');
    assert.equal(view.timer.limitMinutes, policy.duration.staffSessionMinutes);
  });

  it('counts staff against the required number and lists pupils on the register only', () => {
    const view = buildStatusView(lesson([started, joined(teacher, T0), joined(pupil, T0 + MIN)]), policy, T0 + 2 * MIN);
    assert.deepEqual(view.staff, { present: 1, required: policy.staffing.minStaffWithPupils });
    assert.equal(view.pupilsPresent, 1);
    assert.deepEqual(
      view.register.map((r) => r.id),
      ['pupil-1'],
    );
    assert.deepEqual(
      view.timeline.map((t) => `${t.name} ${t.type}`),
      ['Pupil One join', 'Ms Adams join'],
    );
  });

  it('names who ticked a checklist item and when', () => {
    const tick: MeetingEvent = {
      kind: 'checklistTicked',
      id: 't',
      at: T0 + MIN,
      item: 'expectationsRead',
      ticked: true,
      by: 'staff-1',
    };
    const view = buildStatusView(lesson([started, joined(teacher, T0), tick]), policy, T0 + 2 * MIN);
    assert.deepEqual(view.checklist.find((c) => c.item === 'expectationsRead')?.stamp, {
      by: 'staff-1',
      byName: 'Ms Adams',
      at: T0 + MIN,
    });
  });

  it('lists raised findings before pending ones, most severe first', () => {
    const finding = (key: string, severity: 'info' | 'critical' | 'warning', raisedAt?: number): TrackedFinding => ({
      finding: {
        ruleId: 'lobby',
        key,
        severity,
        audience: ['staffPresent'],
        message: key,
        action: 'act',
        debounce: false,
        source: 'seed 003',
      },
      firstSeenAt: T0,
      raisedAt,
    });
    const view = buildStatusView(
      lesson([started], {
        a: finding('pending', 'critical'),
        b: finding('info', 'info', T0),
        c: finding('critical', 'critical', T0),
      }),
      policy,
      T0,
    );
    assert.deepEqual(
      view.findings.map((f) => `${f.kind} ${f.key}`),
      ['finding critical', 'finding info', 'finding pending'],
    );
  });

  describe('who is dealing with an alert, and the number to phone', () => {
    const breach = (raisedAt: number): TrackedFinding => ({
      finding: {
        ruleId: 'breach',
        key: 'breach',
        severity: 'critical',
        audience: ['staffPresent', 'dsl'],
        message: 'Breach',
        action: 'End the call',
        debounce: false,
        source: 'seed 002',
      },
      firstSeenAt: raisedAt,
      raisedAt,
    });
    const ack = (raisedAt: number, at: number, byName = 'Mrs Fletcher'): MeetingEvent => ({
      kind: 'alertAcknowledged',
      id: `ack-${raisedAt}-${at}`,
      at,
      findingKey: 'breach',
      raisedAt,
      by: 'dsl-1',
      byName,
    });

    it('names who pressed "I\'m dealing with it" on this raise, and when', () => {
      const view = buildStatusView(
        lesson([started, ack(T0 + MIN, T0 + 3 * MIN)], { breach: breach(T0 + MIN) }),
        policy,
        T0 + 4 * MIN,
      );
      assert.deepEqual(view.findings[0]?.acknowledged, { name: 'Mrs Fletcher', at: T0 + 3 * MIN });
    });

    it('does not carry an acknowledgement of an earlier raise over to the finding raised again', () => {
      const view = buildStatusView(
        lesson([started, ack(T0 + MIN, T0 + 2 * MIN)], { breach: breach(T0 + 10 * MIN) }),
        policy,
        T0 + 11 * MIN,
      );
      assert.equal(view.findings[0]?.acknowledged, undefined);
      assert.equal('acknowledged' in view.findings[0]!, false);
    });

    it('never leaves the name blank', () => {
      const view = buildStatusView(
        lesson([started, ack(T0 + MIN, T0 + 2 * MIN, '')], { breach: breach(T0 + MIN) }),
        policy,
        T0 + 3 * MIN,
      );
      assert.match(view.findings[0]?.acknowledged?.name ?? '', /\w/);
    });

    it('gives the DSL phone number when the school set one, and nothing when it did not', () => {
      assert.equal(buildStatusView(lesson([started]), policy, T0).dslPhone, undefined);
      const withPhone = { ...policy, dsl: { ...policy.dsl, phone: '01632 960 123' } };
      assert.equal(buildStatusView(lesson([started]), withPhone, T0).dslPhone, '01632 960 123');
    });
  });
});
