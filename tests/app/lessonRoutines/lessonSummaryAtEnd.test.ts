import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import { cardsTo } from '../../support/lessonCardsFake.js';
import type { ApplyOutcome } from '../../../bot/src/app/lesson/applyMeetingEvent.js';
import type { Delivery } from '../../../bot/src/app/delivery/delivery.js';
import { createLessonEndRoutine } from '../../../bot/src/app/lessonRoutines/lessonEnd.js';
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { at, breachReported, ended, join, leave, meeting, policy, pupil, staff } from '../../domain/builders.js';
import { fakeLogger } from './fakes.js';

const KEY = { tenantId: 't', meetingId: 'm' };
const startEvent: MeetingEvent = {
  kind: 'meetingStarted',
  id: 's',
  at: at(0),
  meetingType: 'Scheduled',
  title: 'Year 5 maths',
  organizerId: 'aad-teacher',
};
const state = meeting(
  startEvent,
  join(staff('aad-teacher'), at(0)),
  join(staff('aad-assistant'), at(0)),
  join(pupil('aad-amira'), at(1)),
  breachReported(at(5), 'breach-1'),
  leave('aad-amira', at(14)),
  ended(at(15)),
);

/** The DSL's copy of the breach alert, in the state the outbox had it. */
function dslCopy(deliveryState: Delivery['state']): Delivery {
  const meetingAddress = { key: KEY, serviceUrl: '', conversationId: '', title: 'Year 5 maths' };
  const finding = {
    ruleId: 'breach' as const,
    key: 'breach:breach-1',
    severity: 'critical' as const,
    message: 'A breach.',
    action: 'End the call.',
  };
  return {
    id: 'd1',
    message: { kind: 'finding', phase: 'raised', finding, meeting: meetingAddress, raisedAt: at(5) },
    recipient: { kind: 'person', aadObjectId: 'dsl-1', role: 'dsl' },
    critical: true,
    state: deliveryState,
    createdAt: at(5),
    attempts: 1,
    nextAttemptAt: at(5),
    ...(deliveryState === 'sent' ? { sentAt: at(15) } : {}),
  };
}

describe('app/lessonRoutines/lessonEnd: the summary at the end of a lesson (issue 14 "No false all clear")', () => {
  it("reads the DSL's copy from the lesson as it is after the end was recorded, not as it was before the last sends", async () => {
    const before: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'> = {
      state,
      alerts: {},
      deliveries: [dslCopy('pending')],
    };
    const after: MeetingRecord = { state, alerts: {}, deliveries: [dslCopy('sent')], etag: 'e2' };
    const applyEvent = sinon.fake.resolves({
      outcome: 'applied',
      record: after,
      started: [],
      cleared: [],
    } satisfies ApplyOutcome);
    const sendToStaff = sinon.fake.resolves(undefined);
    const routine = createLessonEndRoutine({
      cards: cardsTo(sendToStaff),
      applyEvent,
      policyFor: () => policy(),
      clock: { now: () => at(16) },
      logger: fakeLogger(),
    });
    await routine(KEY, before);
    const card = sendToStaff.firstCall.args[2] as { title: string; lines: string[] };
    assert.match(card.title, /Summary of "Year 5 maths": a serious problem to follow up/);
    const text = card.lines.join('\n');
    assert.match(text, /• A member of staff reported a breach or serious misconduct, from 09:35 GMT/);
    assert.match(text, /The DSL copy was delivered at 09:45 GMT\./);
    assert.match(text, /What to do now: Check the breach with the DSL today\./);
    assert.doesNotMatch(text, /No action|No safeguarding findings|Nothing went wrong/);
  });
});
