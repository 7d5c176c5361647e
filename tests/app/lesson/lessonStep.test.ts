import { strict as assert } from 'node:assert';
import { step } from '../../../bot/src/app/lesson/lessonStep.js';
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import { emptyMeeting } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { at, join, leave, policy, pupil, staff, started } from '../../domain/builders.js';

const KEY = { tenantId: 'tenant-1', meetingId: 'meeting-1' };
const ADDRESS = { serviceUrl: 'https://smba.example/', conversationId: '19:lesson' };
const DSLS = [{ aadObjectId: 'dsl-1' }];

function stepped(record: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'>, event: MeetingEvent) {
  const next = step(policy(), KEY, record, event, ADDRESS, event.at, DSLS);
  return { state: next.state, alerts: next.alerts, deliveries: next.deliveries };
}

describe('app/lesson/lessonStep (what an event leaves as it was)', () => {
  it('an event that changes no alert and owes no message keeps the alert book and deliveries themselves', () => {
    let record: Pick<MeetingRecord, 'state' | 'alerts' | 'deliveries'> = {
      state: emptyMeeting(KEY.tenantId, KEY.meetingId),
      alerts: {},
      deliveries: [],
    };
    for (const event of [started(at(0)), join(staff('t1'), at(1)), join(staff('t2'), at(1)), join(pupil('p1'), at(2))])
      record = stepped(record, event);
    const quiet = stepped(record, join(pupil('p2'), at(3)));
    assert.equal(quiet.alerts, record.alerts, 'the same book');
    assert.equal(quiet.deliveries, record.deliveries, 'the same deliveries');

    // Both adults leave and pupils are still alone minutes later: raised, so the book and deliveries are new.
    const alone = stepped(stepped(stepped(quiet, leave('t1', at(4))), leave('t2', at(4))), join(pupil('p3'), at(10)));
    assert.notEqual(alone.alerts, quiet.alerts);
    assert.ok(Object.keys(alone.alerts).includes('unsupervised'));
    assert.notEqual(alone.deliveries, quiet.deliveries);
    assert.ok((alone.deliveries ?? []).length > (quiet.deliveries ?? []).length);
  });
});
