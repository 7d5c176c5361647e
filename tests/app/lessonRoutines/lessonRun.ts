import { reevaluate, step } from '../../../bot/src/app/lesson/lessonStep.js';
import type { Delivery } from '../../../bot/src/app/delivery/delivery.js';
import { lessonSummary } from '../../../bot/src/app/lessonRoutines/lessonSummary.js';
import type { MeetingRecord } from '../../../bot/src/app/ports.js';
import type { Policy } from '../../../bot/src/domain/policy/schema.js';
import { emptyMeeting } from '../../../bot/src/domain/reducer.js';
import type { MeetingEvent } from '../../../bot/src/domain/types.js';
import { allChecks, at, join, policy, pupil, staff, started, tick } from '../../domain/builders.js';

const KEY = { tenantId: 'tenant-1', meetingId: 'meeting-1' };
const ADDRESS = { serviceUrl: 'https://smba.example/', conversationId: '19:lesson' };
const STRICT = policy();
const DSLS = [{ aadObjectId: 'dsl-1' }, { aadObjectId: 'dsl-2' }];
/** The lesson's organizer. */
export const teacher = staff('teacher', { name: 'Ms Khan' });
/** A second adult in the lesson. */
export const assistant = staff('assistant', { name: 'Mr Osei' });
const amira = pupil('amira', { name: 'Amira' });
/** A second pupil, who joins only when a test says so. */
export const ben = pupil('ben', { name: 'Ben' });

/** A lesson run through the real step (reduce, rules, outbox planning), with Teams' answers scripted. */
export class LessonRun {
  record: MeetingRecord = { state: emptyMeeting(KEY.tenantId, KEY.meetingId), alerts: {}, deliveries: [], etag: '' };
  constructor(readonly rules: Policy = STRICT) {}

  /** Steps the lesson through these events. */
  event(...events: Array<MeetingEvent | MeetingEvent[]>): this {
    for (const event of events.flat()) {
      const next = step(this.rules, KEY, this.record, event, ADDRESS, event.at, DSLS);
      this.record = { ...this.record, state: next.state, alerts: next.alerts, deliveries: next.deliveries };
    }
    return this;
  }

  /** The sweep looks at the lesson at `now` (a debounced finding matures, a limit passes). */
  tick(now: number): this {
    this.record = reevaluate(this.rules, KEY, this.record, now, DSLS).changed?.record ?? this.record;
    return this;
  }

  /** Teams answers every pending delivery matching `which` at `now`. */
  answer(now: number, outcome: 'sent' | 'failed' = 'sent', which: (d: Delivery) => boolean = () => true): this {
    const answered = (d: Delivery): Delivery => ({
      ...d,
      state: outcome,
      ...(outcome === 'sent' ? { sentAt: now } : {}),
    });
    this.record.deliveries = (this.record.deliveries ?? []).map((d) =>
      d.state === 'pending' && which(d) ? answered(d) : d,
    );
    return this;
  }

  /** A DSL says they are dealing with the finding's current raise at `now`. */
  acknowledge(findingKey: string, now: number): this {
    const raisedAt = this.record.alerts[findingKey]!.raisedAt!;
    return this.event({
      kind: 'alertAcknowledged',
      id: `ack-${now}`,
      at: now,
      findingKey,
      raisedAt,
      by: 'dsl-1',
      byName: 'Mrs Fletcher',
    });
  }

  /** The end-of-lesson summary card at `now`, as a title and its lines. */
  summary(now: number): { title: string; text: string } {
    const card = lessonSummary(this.record, this.rules, now);
    return { title: card.title, text: card.lines.join('\n') };
  }
}

/** Whether a delivery is the copy for this DSL. */
export const toDsl = (dsl: string) => (d: Delivery) => d.recipient.kind === 'person' && d.recipient.aadObjectId === dsl;
/** The lesson started, two adults and Amira in, every check and the checklist done. */
export const checkedLesson = () => [
  started(at(0), { organizerId: 'teacher' }),
  join(teacher, at(0)),
  join(assistant, at(0)),
  join(amira, at(1)),
  ...allChecks('amira', at(1)),
  tick('expectationsRead', at(1)),
  tick('rolesAgreed', at(1)),
  tick('recordingStarted', at(1)),
];
