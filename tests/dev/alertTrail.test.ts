import { strict as assert } from 'node:assert';
import type { Delivery, RecipientRole } from '../../bot/src/app/delivery/delivery.js';
import type { MeetingRecord } from '../../bot/src/app/ports.js';
import { alertTrails } from '../../bot/src/dev/simulator/alertTrail.js';
import { loadSimSchool } from '../../bot/src/dev/school.js';
import { emptyMeeting, reduce } from '../../bot/src/domain/reducer.js';
import type { MeetingEvent, TrackedFinding } from '../../bot/src/domain/types.js';
import { PEOPLE } from './simService.js';

const T0 = Date.parse('2026-01-14T10:00:00Z');
const MIN = 60_000;
const school = loadSimSchool();
const finding = {
  ruleId: 'breach' as const,
  key: 'breach',
  severity: 'critical' as const,
  message: 'A member of staff reported a breach',
  action: 'End the call',
};
const tracked = (raisedAt: number): TrackedFinding => ({
  finding: { ...finding, audience: ['staffPresent', 'dsl'], debounce: false, source: 'seed 002' },
  firstSeenAt: raisedAt,
  raisedAt,
});
const address = {
  key: { tenantId: 't', meetingId: 'meeting-1' },
  serviceUrl: 'http://x',
  conversationId: 'c',
  title: 'Year 5 maths',
};

let n = 0;
function copy(
  to: string,
  role: RecipientRole,
  state: Delivery['state'],
  raisedAt = T0,
  phase: 'raised' | 'cleared' = 'raised',
  sentAt?: number,
): Delivery {
  return {
    id: `d-${++n}`,
    message: { kind: 'finding', phase, finding, meeting: address, raisedAt },
    recipient: { kind: 'person', aadObjectId: to, role },
    critical: true,
    state,
    createdAt: raisedAt,
    attempts: 1,
    nextAttemptAt: raisedAt,
    ...(sentAt ? { sentAt } : {}),
  };
}
function lesson(
  deliveries: Delivery[],
  alerts: Record<string, TrackedFinding>,
  events: MeetingEvent[] = [],
): MeetingRecord {
  const state = events.reduce(reduce, emptyMeeting('t', 'meeting-1'));
  return { state, alerts, deliveries, etag: '' };
}
const ack = (raisedAt: number, at: number): MeetingEvent => ({
  kind: 'alertAcknowledged',
  id: `ack-${at}`,
  at,
  findingKey: 'breach',
  raisedAt,
  by: PEOPLE.fletcher,
  byName: 'Mrs Fletcher',
});

describe('dev/simulator/alertTrail: who has each safeguarding alert, from the lesson record', () => {
  it("lists every DSL, deputy and senior leader copy with what Teams answered, and not the organizer's card", () => {
    const record = lesson(
      [
        copy(PEOPLE.fletcher, 'dsl', 'sent', T0, 'raised', T0 + 1_000),
        copy(PEOPLE.osei, 'deputy', 'pending'),
        copy('someone-not-in-the-sample', 'slt', 'failed'),
        copy(PEOPLE.khan, 'organizer', 'sent', T0, 'raised', T0 + 1_000),
        copy(PEOPLE.fletcher, 'dsl', 'sent', T0, 'cleared', T0 + 2_000),
      ],
      { breach: tracked(T0) },
    );
    const [trail, ...rest] = alertTrails([{ title: 'Year 5 maths', record }], school);
    assert.equal(rest.length, 0, 'one raise, one trail (the "resolved" follow-up is not a new one)');
    assert.deepEqual(trail!.copies, [
      { role: 'dsl', name: 'Mrs Fletcher', state: 'sent', sentAt: T0 + 1_000 },
      { role: 'deputy', name: 'Mr Osei', state: 'waiting' },
      { role: 'slt', name: 'someone on the staff list', state: 'failed' },
    ]);
    const { lesson: title, message, over, raisedAt } = trail!;
    assert.deepEqual(
      { title, message, over, raisedAt },
      { title: 'Year 5 maths', message: finding.message, over: false, raisedAt: T0 },
    );
    assert.equal(trail!.acknowledged, undefined);
  });

  it('names who is dealing with the current raise, not with an earlier one, and marks the earlier one over', () => {
    const again = T0 + 10 * MIN;
    const copies = [
      copy(PEOPLE.fletcher, 'dsl', 'sent', T0, 'raised', T0),
      copy(PEOPLE.fletcher, 'dsl', 'withdrawn', again),
    ];
    const record = lesson(copies, { breach: tracked(again) }, [ack(T0, T0 + MIN)]);
    const [newest, earlier] = alertTrails([{ title: 'Year 5 maths', record }], school);
    assert.equal(newest!.raisedAt, again, 'newest raise first');
    assert.equal(newest!.acknowledged, undefined);
    assert.equal(newest!.copies[0]!.state, 'withdrawn');
    assert.deepEqual(earlier!.acknowledged, { name: 'Mrs Fletcher', at: T0 + MIN });
    assert.equal(earlier!.over, true);
  });
});
