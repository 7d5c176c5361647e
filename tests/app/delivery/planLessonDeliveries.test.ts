import { strict as assert } from 'node:assert';
import { findingDeliveries, type Delivery } from '../../../bot/src/app/delivery/delivery.js';
import { planLessonDeliveries } from '../../../bot/src/app/delivery/planLessonDeliveries.js';
import type { AlertBook, Finding, MeetingState } from '../../../bot/src/domain/types.js';
import { at, join, meeting, pupil, staff, started } from '../../domain/builders.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const address = { serviceUrl: 'https://connector.example/', conversationId: '19:meeting@thread.v2' };
const withAddress = (state: MeetingState): MeetingState => ({ ...state, address });
const finding = (
  audience: Finding['audience'],
  severity: Finding['severity'] = 'critical',
  key = 'breach:1',
): Finding => ({
  ruleId: 'breach',
  key,
  severity,
  audience,
  message: 'A breach was reported.',
  action: 'End the call.',
  debounce: false,
  source: 'test',
});
const check = (pupilId: string): Finding => ({
  ruleId: 'consent',
  key: `consent:${pupilId}`,
  severity: 'warning',
  audience: ['staffPresent'],
  message: 'Consent not recorded.',
  action: 'Record it.',
  debounce: false,
  source: 'test',
});
const raised = (f: Finding, raisedAt: number): AlertBook => ({
  [f.key]: { finding: f, firstSeenAt: raisedAt, raisedAt },
});
const raisedAll = (fs: Finding[], raisedAt: number): AlertBook =>
  Object.assign({}, ...fs.map((x) => raised(x, raisedAt))) as AlertBook;
const ended = (now: number): MeetingState => ({ ...lesson, endedAt: now });

/** Two staff (the organizer not among them) and a pupil in a lesson Teams can address. */
const lesson = withAddress(
  meeting(
    started(at(0), { organizerId: 'organizer' }),
    join(staff('s1', { teamsId: '29:s1' }), at(0)),
    join(staff('s2', { teamsId: '29:s2' }), at(0)),
    join(pupil('p1'), at(0)),
  ),
);
const ctx = (now: number, state = lesson) => ({
  key: KEY,
  state,
  dsls: [{ aadObjectId: 'dsl-1' }, { aadObjectId: 'dsl-2' }],
  now,
});
const mark = (list: Delivery[], state: Delivery['state'], extra: Partial<Delivery> = {}) =>
  list.map((d) => ({ ...d, state, ...extra }));

describe('app/delivery/planLessonDeliveries', () => {
  const f = finding(['staffPresent', 'organizer', 'dsl']);

  it('a raised finding is owed to the staff present (one targeted notification), the organizer away from the call, and each DSL', () => {
    const planned = planLessonDeliveries([], raised(f, at(1)), [f], ctx(at(1)));
    assert.deepEqual(
      planned.map((d) => d.recipient),
      [
        { kind: 'staffInMeeting', teamsIds: ['29:s1', '29:s2'] },
        { kind: 'person', aadObjectId: 'organizer', role: 'organizer' },
        { kind: 'person', aadObjectId: 'dsl-1', role: 'dsl' },
        { kind: 'person', aadObjectId: 'dsl-2', role: 'dsl' },
      ],
    );
    assert.ok(
      findingDeliveries(planned).every(
        (d) => d.state === 'pending' && d.critical && d.nextAttemptAt === at(1) && d.message.phase === 'raised',
      ),
    );
  });

  it('planning the same raise twice is the same deliveries (ids from cause and recipient)', () => {
    const once = planLessonDeliveries([], raised(f, at(1)), [f], ctx(at(1)));
    assert.deepEqual(planLessonDeliveries(once, raised(f, at(1)), [f], ctx(at(1))), once);
  });

  it('a finding that clears before its alert went out: the alert is withdrawn and nobody is owed a "resolved"', () => {
    const planned = planLessonDeliveries([], raised(f, at(1)), [f], ctx(at(1)));
    const after = planLessonDeliveries(planned, {}, [], ctx(at(2)));
    assert.equal(after.length, planned.length);
    assert.ok(after.every((d) => d.state === 'withdrawn' && d.closed));
  });

  it('a "resolved" is owed only to those Teams confirmed got the alert', () => {
    const [toStaff, toOrganizer, ...toDsls] = planLessonDeliveries([], raised(f, at(1)), [f], ctx(at(1)));
    const outcome = [...mark([toStaff!, toOrganizer!], 'sent'), ...mark(toDsls, 'failed')];
    const after = planLessonDeliveries(outcome, {}, [], ctx(at(2)));
    const resolved = findingDeliveries(after).filter((d) => d.message.phase === 'cleared');
    assert.deepEqual(
      resolved.map((d) => d.recipient),
      [toStaff!.recipient, toOrganizer!.recipient],
    );
    assert.ok(
      findingDeliveries(after)
        .filter((d) => d.message.phase === 'raised')
        .every((d) => d.closed),
    );
  });

  it('a raise being sent right now is left open until its result is known', () => {
    const leased = mark(planLessonDeliveries([], raised(f, at(1)), [f], ctx(at(1))), 'pending', { leaseUntil: at(3) });
    const after = planLessonDeliveries(leased, {}, [], ctx(at(2)));
    assert.deepEqual(
      after.map(({ overAt: _over, ...d }) => d),
      leased,
    );
    assert.ok(
      after.every((d) => d.overAt?.['breach:1'] === at(2)),
      'when it stopped is kept for the lesson summary',
    );
  });

  it('findings that start together for the same people are one notification (most serious first); each DSL copy stays one per finding', () => {
    const breach = finding(['staffPresent', 'dsl'], 'critical', 'breach:2');
    const checks = [check('p1'), check('p2')];
    const planned = findingDeliveries(
      planLessonDeliveries([], raisedAll([...checks, breach], at(1)), [...checks, breach], ctx(at(1))),
    );
    const toStaff = planned.filter((d) => d.recipient.kind === 'staffInMeeting');
    assert.equal(toStaff.length, 1);
    assert.deepEqual(
      [toStaff[0]!.message.finding.key, ...(toStaff[0]!.message.also ?? []).map((x) => x.key)],
      ['breach:2', 'consent:p1', 'consent:p2'],
    );
    assert.equal(toStaff[0]!.critical, true);
    assert.equal(planned.filter((d) => d.recipient.kind === 'person').length, 2, 'one copy of the breach for each DSL');
  });

  it('a combined notification is over only when all of its findings are; a warning gets no "resolved" pushed', () => {
    const checks = [check('p1'), check('p2')];
    const sent = mark(planLessonDeliveries([], raisedAll(checks, at(1)), checks, ctx(at(1))), 'sent');
    const oneLeft = planLessonDeliveries(sent, raisedAll([checks[1]!], at(1)), [], ctx(at(2)));
    assert.ok(oneLeft.every((d) => !d.closed && d.overAt?.['consent:p1'] === at(2)));
    const allDone = planLessonDeliveries(oneLeft, {}, [], ctx(at(3)));
    assert.ok(allDone.every((d) => d.closed));
    assert.equal(allDone.length, sent.length, 'no "resolved" for warnings: the side panel shows them gone');
  });

  it('after the lesson ended: in-meeting notifications still waiting are withdrawn, and only the DSLs hear that a critical alert ended', () => {
    const planned = planLessonDeliveries([], raised(f, at(1)), [f], ctx(at(1)));
    const waiting = planLessonDeliveries(planned, raised(f, at(1)), [], ctx(at(2), ended(at(2))));
    assert.equal(findingDeliveries(waiting).find((d) => d.recipient.kind === 'staffInMeeting')?.state, 'withdrawn');
    const after = planLessonDeliveries(mark(planned, 'sent'), {}, [], ctx(at(3), ended(at(2))));
    const resolved = findingDeliveries(after).filter((d) => d.message.phase === 'cleared');
    assert.deepEqual(
      resolved.map((d) => d.recipient),
      [
        { kind: 'person', aadObjectId: 'dsl-1', role: 'dsl' },
        { kind: 'person', aadObjectId: 'dsl-2', role: 'dsl' },
      ],
    );
  });

  it('a finding raised again later is a new alert, not the old one', () => {
    const first = mark(planLessonDeliveries([], raised(f, at(1)), [f], ctx(at(1))), 'sent');
    const again = planLessonDeliveries(
      planLessonDeliveries(first, {}, [], ctx(at(2))),
      raised(f, at(3)),
      [f],
      ctx(at(3)),
    );
    assert.equal(
      findingDeliveries(again).filter((d) => d.message.phase === 'raised' && d.message.raisedAt === at(3)).length,
      4,
    );
  });
});
