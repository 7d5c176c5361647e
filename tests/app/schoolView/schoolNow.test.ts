import { strict as assert } from 'node:assert';
import { newDelivery } from '../../../bot/src/app/delivery/planLessonDeliveries.js';
import type { Delivery, FindingMessage } from '../../../bot/src/app/delivery/delivery.js';
import type { LessonBook } from '../../../bot/src/app/ports.js';
import { boardEntryOf, type BoardEntry } from '../../../bot/src/app/schoolView/boardEntry.js';
import { schoolNowView } from '../../../bot/src/app/schoolView/schoolNow.js';
import type { AlertBook, Finding, MeetingState } from '../../../bot/src/domain/types.js';
import { at, details, join, leave, meeting, policy, pupil, staff, started } from '../../domain/builders.js';

const POLICY = policy();
const alone: Finding = {
  ruleId: 'staff-pair',
  key: 'staff-pair',
  severity: 'critical',
  audience: ['dsl'],
  message: 'Pupils are in the lesson with no member of staff.',
  action: 'Join now or end the meeting.',
  debounce: true,
  source: 'seed 000 #7',
};
const book = (state: MeetingState, alerts: AlertBook = {}, deliveries: Delivery[] = []): LessonBook => ({
  state,
  alerts,
  deliveries,
});
const raised = (finding: Finding, raisedAt: number): AlertBook => ({
  [finding.key]: { finding, firstSeenAt: raisedAt, raisedAt },
});
const copy = (role: 'dsl' | 'deputy' | 'slt', state: Delivery['state'], raisedAt: number): Delivery => {
  const message: FindingMessage = {
    kind: 'finding',
    phase: 'raised',
    finding: alone,
    meeting: { key: { tenantId: 't', meetingId: 'meeting-1' }, serviceUrl: '', conversationId: '', title: '' },
    raisedAt,
  };
  return { ...newDelivery(message, { kind: 'person', aadObjectId: `${role}-1`, role }, true, raisedAt), state };
};
const entry = (state: MeetingState, alerts?: AlertBook, deliveries?: Delivery[]): BoardEntry => {
  const made = boardEntryOf(book(state, alerts, deliveries), POLICY);
  assert.ok(made);
  return made;
};

describe('app/schoolView: the "Now" board from stored lesson entries', () => {
  it('seed 000 #7 (never one adult alone, nor pupils with none): a lesson with pupils and no staff is first, flagged', () => {
    const calm = entry({
      ...meeting(started(at(0)), join(staff('s1'), at(0)), join(staff('s2'), at(0))),
      meetingId: 'a',
    });
    const unsupervised = entry(
      { ...meeting(started(at(5)), join(staff('s1'), at(5)), join(pupil('p1'), at(6)), leave('s1', at(7))) },
      raised(alone, at(8)),
    );
    const view = schoolNowView([calm, unsupervised], POLICY, at(9));
    assert.deepEqual(
      view.lessons.map((l) => [l.meetingId, l.noAdult, l.staffIn, l.pupilsIn]),
      [
        ['meeting-1', true, 0, 1],
        ['a', false, 2, 0],
      ],
    );
    assert.equal(view.lessons[0]?.worst?.message, alone.message);
  });

  it('lists each critical alert nobody has taken, with how far it has reached; a taken or over alert is not listed', () => {
    const state = meeting(started(at(0)), join(pupil('p1'), at(1)));
    const reached = entry(state, raised(alone, at(2)), [copy('dsl', 'sent', at(2)), copy('deputy', 'pending', at(2))]);
    assert.deepEqual(
      reached.alerts.map((a) => [a.findingKey, a.reach]),
      [['staff-pair', { state: 'sent', reached: 'deputies' }]],
    );
    const waiting = entry(state, raised(alone, at(2)), [copy('dsl', 'pending', at(2))]);
    assert.deepEqual(waiting.alerts[0]?.reach, { state: 'pending', reached: 'dsl' });
    const taken = entry(
      meeting(started(at(0)), join(pupil('p1'), at(1)), {
        kind: 'alertAcknowledged',
        id: 'ack',
        at: at(3),
        findingKey: 'staff-pair',
        raisedAt: at(2),
        by: 'dsl-1',
        byName: 'Ms Ahmed',
      }),
      raised(alone, at(2)),
    );
    assert.deepEqual(taken.alerts, []);
    assert.deepEqual(entry(state).alerts, [], 'no alert raised');
  });

  it('shows lessons live or starting within the hour on "Now", the rest of the day under "Later today"', () => {
    const live = entry({ ...meeting(started(at(0))), meetingId: 'live' });
    const soon = entry({ ...meeting(details(at(0), { scheduledStart: at(50) })), meetingId: 'soon' });
    const later = entry({ ...meeting(details(at(0), { scheduledStart: at(120) })), meetingId: 'later' });
    const latest = entry({ ...meeting(details(at(0), { scheduledStart: at(90) })), meetingId: 'latest' });
    const missed = entry({ ...meeting(details(at(0), { scheduledStart: at(-10) })), meetingId: 'missed' });
    const over = entry({
      ...meeting(started(at(0)), { kind: 'meetingEnded', id: 'end', at: at(5) }),
      meetingId: 'over',
    });
    const view = schoolNowView([live, soon, later, over, latest, missed], POLICY, at(10));
    assert.deepEqual(
      view.lessons.map((l) => [l.meetingId, l.state]),
      [
        ['live', 'live'],
        ['soon', 'upcoming'],
      ],
    );
    // Earliest first; a lesson due more than a quarter of an hour ago and never started is on neither list.
    assert.deepEqual(
      view.later.map((l) => l.meetingId),
      ['latest', 'later'],
    );
  });

  it('a cancelled lesson leaves "Now" and "Later today", unless someone is in it anyway', () => {
    const scheduled = (id: string, start: number) => [
      details(at(0), { scheduledStart: at(start) }),
      details(at(1), { cancelledAt: at(1) }, `${id}-cancelled`),
    ];
    const soon = entry({ ...meeting(scheduled('soon', 50)), meetingId: 'soon' });
    const later = entry({ ...meeting(scheduled('later', 120)), meetingId: 'later' });
    const joinedAnyway = entry({ ...meeting(scheduled('anyway', 5), join(pupil('p1'), at(6))), meetingId: 'anyway' });
    assert.equal(soon.cancelledAt, at(1));
    const view = schoolNowView([soon, later, joinedAnyway], POLICY, at(10));
    assert.deepEqual(
      view.lessons.map((l) => [l.meetingId, l.state, l.noAdult]),
      [['anyway', 'live', true]],
    );
    assert.deepEqual(view.later, []);
    assert.equal('cancelledAt' in view.lessons[0]!, false, 'the board answer keeps its shape');
  });

  it('a lesson with neither a start nor a scheduled start has no place on the board', () => {
    assert.equal(boardEntryOf(book(meeting()), POLICY), undefined);
  });
});
