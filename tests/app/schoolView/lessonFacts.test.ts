import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Delivery, FindingMessage } from '../../../bot/src/app/delivery/delivery.js';
import { createLessonCards } from '../../../bot/src/app/delivery/lessonCards.js';
import { newDelivery } from '../../../bot/src/app/delivery/planLessonDeliveries.js';
import type { MeetingControl, MeetingSettings } from '../../../bot/src/app/meetingControl/ports.js';
import { createSettingsAtLessonStart } from '../../../bot/src/app/meetingControl/settingsAtLessonStart.js';
import type { LessonBook } from '../../../bot/src/app/ports.js';
import { boardEntryOf } from '../../../bot/src/app/schoolView/boardEntry.js';
import { lessonFactsOf } from '../../../bot/src/app/schoolView/lessonFacts.js';
import { reduce } from '../../../bot/src/domain/reducer.js';
import type { AlertBook, MeetingEvent, MeetingState } from '../../../bot/src/domain/types.js';
import * as b from '../../domain/builders.js';
import { fakeLogger } from '../lessonRoutines/fakes.js';

const { at, check, join, leave, meeting, pupil, staff, started, ended } = b;
const POLICY = b.policy();
const book = (state: MeetingState, alerts: AlertBook = {}, deliveries: Delivery[] = []): LessonBook => ({
  state,
  alerts,
  deliveries,
});
const acknowledged = (findingKey: string, raisedAt: number, time: number): MeetingEvent => ({
  kind: 'alertAcknowledged',
  id: b.nextId('ack'),
  at: time,
  findingKey,
  raisedAt,
  by: 'dsl-1',
  byName: 'Mrs Fletcher',
});
/** The alert book the rules leave after evaluating the lesson at each time, as the lesson pipeline keeps it. */
const bookAfter = (state: MeetingState, times: number[]): AlertBook =>
  b
    .timeline(
      POLICY,
      times.map((now) => ({ state, now })),
    )
    .at(-1)!.book;
/** The DSL's copy of a raise in the lesson's outbox (what remembers a raise after it cleared). */
const dslCopy = (tracked: AlertBook[string]): Delivery => {
  const message: FindingMessage = {
    kind: 'finding',
    phase: 'raised',
    finding: tracked.finding,
    meeting: { key: { tenantId: 't', meetingId: 'meeting-1' }, serviceUrl: '', conversationId: '', title: '' },
    raisedAt: tracked.raisedAt!,
  };
  return newDelivery(message, { kind: 'person', aadObjectId: 'dsl-1', role: 'dsl' }, true, tracked.raisedAt!);
};

describe("app/schoolView/lessonFacts: one lesson's figures for the weekly report", () => {
  it('seed 000 #7 (two adults whenever pupils are in the call): counts the minutes pupils had exactly one adult', () => {
    const state = meeting(
      started(at(0)),
      join(staff('t1'), at(0)),
      join(staff('t2'), at(0)),
      join(pupil('p1'), at(1)),
      join(pupil('p2'), at(2)),
      leave('t2', at(6)), // one adult with two pupils: counted once, not once per pupil
      join(staff('t2'), at(10)),
      leave('t2', at(12)),
      leave('p1', at(14)),
      leave('p2', at(15)), // t1 alone from here: no pupils, not counted
      ended(at(18)),
    );
    assert.equal(lessonFactsOf(book(state), POLICY).minutesOneAdult, 4 + 3);
  });

  it('a guest counts as a pupil and someone seen as a guest is never an adult; a running lesson counts to its last join or leave', () => {
    const state = meeting(
      started(at(0)),
      join(staff('t1'), at(0)),
      join(b.guest('g1'), at(0)),
      join(staff('t2'), at(1)),
      join(b.guest('t2'), at(1)),
      join(pupil('p1'), at(3)),
      b.tick('expectationsRead', at(9)),
    );
    assert.equal(lessonFactsOf(book(state), POLICY).minutesOneAdult, 3, 'to the join at 3, not to the tick at 9');
  });

  it('seed 000 #10, seed 003 lines 14-15 (end for everyone): a serious alert marks the lesson, with the minutes until someone took it', () => {
    const lesson = meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), leave('t1', at(5)));
    const alerts = bookAfter(lesson, [at(5), at(6)]);
    const raisedAt = alerts['end-for-all:staff-left']?.raisedAt;
    assert.equal(raisedAt, at(6), 'raised once the grace period was over');
    // Pupils with no adult is serious too (seed 000 #10): two raises, one lesson.
    assert.equal(alerts.unsupervised?.finding.severity, 'critical');
    const open = lessonFactsOf(book(lesson, alerts), POLICY);
    assert.deepEqual([open.hadCritical, open.criticalRaises, open.acknowledgeMinutes], [true, 2, []]);
    const taken = reduce(lesson, acknowledged('end-for-all:staff-left', raisedAt, raisedAt + 210_000));
    assert.deepEqual(lessonFactsOf(book(taken, alerts), POLICY).acknowledgeMinutes, [3.5]);
  });

  it('a serious alert that has since cleared still counts (the outbox remembers it); a warning does not make a lesson serious', () => {
    const lesson = meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), leave('t1', at(5)));
    const alerts = bookAfter(lesson, [at(5), at(6)]);
    const copy = dslCopy(alerts['end-for-all:staff-left']!);
    const back = reduce(reduce(lesson, join(staff('t1'), at(8))), join(staff('t2'), at(8)));
    const cleared = lessonFactsOf(book(back, {}, [copy]), POLICY);
    assert.deepEqual([cleared.hadCritical, cleared.criticalRaises], [true, 1]);
    // One adult with two pupils is a warning (staff-pair), not a serious alert.
    const pair = meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), join(pupil('p2'), at(1)));
    const warned = bookAfter(pair, [at(1), at(2)]);
    assert.equal(warned['staff-pair']?.finding.severity, 'warning');
    assert.equal(lessonFactsOf(book(pair, warned), POLICY).hadCritical, false);
  });

  it('seed 002 line 41 (a breach is reported to the DSL): a reported breach marks the lesson even before any alert about it', () => {
    const state = meeting(started(at(0)), join(staff('t1'), at(0)), b.breachReported(at(3)));
    const facts = lessonFactsOf(book(state), POLICY);
    assert.deepEqual([facts.hadCritical, facts.criticalRaises], [true, 0]);
  });

  it('seed 001 #1, seed 000 pupils #4-#5 (consent, a parent there, a shared room): counts the checks never recorded for each pupil who joined', () => {
    const state = meeting(
      started(at(0)),
      join(staff('t1'), at(0)),
      join(pupil('p1'), at(1)),
      b.allChecks('p1', at(2)),
      join(pupil('p2'), at(1)),
      check('p2', 'consent', false, at(2)), // "no" was recorded: done, not undone
      join(pupil('p3'), at(1)),
      check('p3', 'consent', true, at(2)),
      check('p3', 'consent', 'notYet', at(3)), // set back: open again
      join(b.guest('g1'), at(4)),
      check('never-joined', 'consent', true, at(4)),
    );
    const facts = lessonFactsOf(book(state), POLICY);
    assert.deepEqual([facts.pupilsJoined, facts.checksUndone], [4, 0 + 2 + 3 + 3]);
    const fewer = lessonFactsOf(book(state), b.policy({ pupilChecks: { communalRoom: false } }));
    assert.equal(fewer.checksUndone, 0 + 1 + 2 + 2, 'only the checks the policy asks for');
  });

  describe('seed 004 lines 27, 31, 34 (lobby and presenters set at the start): settings drift', () => {
    const start: MeetingEvent = {
      kind: 'meetingStarted',
      id: 's',
      at: at(0),
      meetingType: 'Scheduled',
      title: 'Maths',
      joinUrl: 'https://teams.example/join/1',
      organizerId: 'aad-teacher',
    };
    const compliant = {
      id: 'g',
      organizerId: 'aad-teacher',
      joinUrl: 'https://teams.example/join/1',
      lobbyScope: 'organizer',
      dialInBypass: false,
      allowedPresenters: 'organizer',
      attendeeMicAllowed: false,
      attendeeCameraAllowed: true,
      recordAutomatically: false,
      attendees: [],
    } as unknown as MeetingSettings;
    /** The lesson's outbox after the real start-of-lesson routine ran against a meeting Graph answers with `found`. */
    async function outboxAfterStart(findMeeting: MeetingControl['findMeeting']): Promise<Delivery[]> {
      const outbox: Delivery[] = [];
      const cards = createLessonCards(
        { enqueue: async (_key, plan) => void outbox.push(...plan({ state: meeting(start), alerts: {}, etag: '' })) },
        { now: () => at(0) },
      );
      const control: MeetingControl = {
        findMeeting,
        updateSettings: sinon.fake(async (m: MeetingSettings) => ({ ...m, lobbyScope: 'organizer' })),
        attendanceRecords: sinon.fake.resolves([]),
      };
      const run = createSettingsAtLessonStart({
        meetingControl: control,
        cards,
        policyFor: () => POLICY,
        logger: fakeLogger(),
      });
      await run({ tenantId: 't', meetingId: 'meeting-1' }, meeting(start));
      return outbox;
    }
    const factsWith = (outbox: Delivery[]) => {
      const { settingsDrift, settingsUnchecked } = lessonFactsOf(book(meeting(start), {}, outbox), POLICY);
      return { settingsDrift, settingsUnchecked };
    };

    it('a lobby anyone could bypass, put right by Chaperone at the start, is drift', async () => {
      const outbox = await outboxAfterStart(sinon.fake.resolves({ ...compliant, lobbyScope: 'everyone' }));
      assert.deepEqual(factsWith(outbox), { settingsDrift: true, settingsUnchecked: false });
    });

    it('options already as the policy asks are not drift; options Chaperone could not check are told apart', async () => {
      assert.deepEqual(factsWith(await outboxAfterStart(sinon.fake.resolves(compliant))), {
        settingsDrift: false,
        settingsUnchecked: false,
      });
      assert.deepEqual(factsWith(await outboxAfterStart(sinon.fake.rejects(new Error('Teams is down')))), {
        settingsDrift: false,
        settingsUnchecked: true,
      });
    });
  });

  it('the board row carries the figures, so the week is read from rows and no lesson is loaded', () => {
    const state = meeting(started(at(0)), join(staff('t1'), at(0)), join(pupil('p1'), at(1)), ended(at(10)));
    const entry = boardEntryOf(book(state), POLICY);
    assert.deepEqual(entry?.facts, lessonFactsOf(book(state), POLICY));
    assert.equal(entry?.facts?.minutesOneAdult, 9);
  });
});
