import { strict as assert } from 'node:assert';
import fc from 'fast-check';
import { findingDeliveries, type Delivery } from '../../../bot/src/app/delivery/delivery.js';
import { planEscalation } from '../../../bot/src/app/delivery/planEscalation.js';
import { planLessonDeliveries } from '../../../bot/src/app/delivery/planLessonDeliveries.js';
import { policyFromPreset } from '../../../bot/src/domain/policy/presets.js';
import type { AlertBook, Finding, MeetingState } from '../../../bot/src/domain/types.js';
import { at, join, meeting, pupil, staff, started } from '../../domain/builders.js';

// Issue 14: "if no DSL acknowledges within 5 minutes, send to the deputies list, then after 10
// more minutes to the SLT list". The strict preset keeps those defaults.
const MIN = 60_000;
const KEY = { tenantId: 't', meetingId: 'm' };
const policy = policyFromPreset('strict');
const people = {
  deputies: [{ aadObjectId: 'deputy-1' }],
  slt: [{ aadObjectId: 'head' }, { aadObjectId: 'deputy-head' }],
};
const state = {
  ...meeting(started(at(0)), join(staff('s1', { teamsId: '29:s1' }), at(0)), join(pupil('p1'), at(0))),
  address: { serviceUrl: 'https://c.example/', conversationId: '19:m' },
} as MeetingState;
const critical: Finding = {
  ruleId: 'unsupervised',
  key: 'unsupervised',
  severity: 'critical',
  audience: ['dsl'],
  message: 'Pupils alone.',
  action: 'Rejoin.',
  debounce: true,
  source: 'test',
};
const raisedAt = at(10);
const book: AlertBook = { [critical.key]: { finding: critical, firstSeenAt: raisedAt, raisedAt } };
const dslRaise = (sent = true): Delivery[] =>
  planLessonDeliveries([], book, [critical], { key: KEY, state, dsls: [{ aadObjectId: 'dsl-1' }], now: raisedAt }).map(
    (d) => (sent ? { ...d, state: 'sent' as const } : d),
  );
const lessonWith = (extra: Partial<MeetingState> = {}, deliveries = dslRaise()) => ({
  state: { ...state, ...extra },
  alerts: book,
  deliveries,
});
const rolesOf = (list: Delivery[]) =>
  list.map((d) => (d.recipient.kind === 'person' ? `${d.recipient.role}:${d.recipient.aadObjectId}` : 'meeting'));

describe('app/delivery/planEscalation (nobody takes a critical alert: deputies, then the senior leadership team)', () => {
  it('owes nothing before 5 minutes, and says when to look again', () => {
    const plan = planEscalation(lessonWith(), policy, people, raisedAt + 5 * MIN - 1);
    assert.deepEqual(plan, { add: [], nextAt: raisedAt + 5 * MIN });
  });

  it('at 5 minutes unacknowledged: the deputies, as critical alerts carrying the same finding; the SLT is next at 15', () => {
    const plan = planEscalation(lessonWith(), policy, people, raisedAt + 5 * MIN);
    assert.deepEqual(rolesOf(plan.add), ['deputy:deputy-1']);
    assert.ok(
      findingDeliveries(plan.add).every(
        (d) =>
          d.critical &&
          d.state === 'pending' &&
          d.message.finding.key === 'unsupervised' &&
          d.message.raisedAt === raisedAt,
      ),
    );
    assert.equal(plan.nextAt, raisedAt + 15 * MIN);
  });

  it('at 15 minutes unacknowledged: the deputies and every senior leader, and nothing left to schedule', () => {
    const plan = planEscalation(lessonWith(), policy, people, raisedAt + 15 * MIN);
    assert.deepEqual(rolesOf(plan.add), ['deputy:deputy-1', 'slt:head', 'slt:deputy-head']);
    assert.equal(plan.nextAt, undefined);
  });

  it("the school's own minutes are used", () => {
    const quick = policyFromPreset('strict');
    quick.escalation = { deputiesAfterMinutes: 2, sltAfterMinutes: 3 };
    assert.deepEqual(rolesOf(planEscalation(lessonWith(), quick, people, raisedAt + 5 * MIN).add), [
      'deputy:deputy-1',
      'slt:head',
      'slt:deputy-head',
    ]);
  });

  it('an acknowledgement of this raise stops it; one of an earlier raise does not', () => {
    const taken = lessonWith({
      acknowledgements: {
        [`unsupervised@${raisedAt}`]: { raisedAt, by: 'dsl-1', name: 'Mrs Lead', at: raisedAt + MIN },
      },
    });
    assert.deepEqual(planEscalation(taken, policy, people, raisedAt + 20 * MIN), { add: [] });
    const old = lessonWith({
      acknowledgements: { [`unsupervised@${at(1)}`]: { raisedAt: at(1), by: 'dsl-1', name: 'Mrs Lead', at: at(2) } },
    });
    assert.equal(planEscalation(old, policy, people, raisedAt + 5 * MIN).add.length, 1);
  });

  it('a finding that cleared (or no critical alert to the DSL at all) is never escalated', () => {
    assert.deepEqual(planEscalation({ ...lessonWith(), alerts: {} }, policy, people, raisedAt + 20 * MIN), { add: [] });
    assert.deepEqual(planEscalation(lessonWith({}, []), policy, people, raisedAt + 20 * MIN), { add: [] });
  });

  it('property: planning is idempotent (the same step twice is the same deliveries, by id) and never reaches a DSL', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 60 }), (minutes) => {
        const now = raisedAt + minutes * MIN;
        const once = planEscalation(lessonWith(), policy, people, now).add;
        const again = planEscalation(lessonWith(), policy, people, now).add;
        assert.deepEqual(
          once.map((d) => d.id),
          again.map((d) => d.id),
        );
        assert.ok(once.every((d) => d.recipient.kind === 'person' && d.recipient.role !== 'dsl'));
      }),
    );
  });
});
