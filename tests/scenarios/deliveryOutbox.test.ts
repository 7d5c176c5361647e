import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { Delivery } from '../../bot/src/app/delivery/delivery.js';
import { buildStatusView } from '../../bot/src/app/sidePanel/buildStatusView.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
import { sampleSchool } from '../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

/** Activities the connector accepted (2xx) whose preview text matches `text`. */
function accepted(connector: RunningFakeConnector, text: RegExp): number {
  return connector.requests.filter(
    (r) =>
      r.method === 'POST' &&
      /\/activities(\/[^/]+)?$/.test(r.path) &&
      (r.status ?? 0) < 300 &&
      text.test(String((r.body as { text?: string } | undefined)?.text)),
  ).length;
}

describe('scenarios: every lesson alert goes through the delivery outbox (the same composition as production)', function () {
  this.timeout(120_000);

  describe('a breach reported from the side panel', () => {
    const DSL: Participant = {
      id: 'dddddddd-0000-4000-8000-000000000001',
      teamsId: '29:dsl',
      name: 'Mrs Lead',
      role: 'staff',
    };
    const MEETING = 'MCMxOTpicmVhY2gtZnJvbS10aGUtcGFuZWw=';
    let app: TabTestServer;
    let connector: RunningFakeConnector;

    before(async () => {
      connector = await startFakeConnector();
      app = await startTabTestServer({
        issuer: 'test',
        staffList: { staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id], dsl: [DSL.id] },
      });
      const key = lessonKey(MEETING);
      const address = { serviceUrl: connector.url, conversationId: '19:meeting_breach@thread.v2' };
      const T0 = Date.now();
      const events: MeetingEvent[] = [
        { kind: 'meetingStarted', id: 'b-start', at: T0, meetingType: 'Scheduled', title: 'Year 5 maths' },
        ...[PEOPLE.teacherA, PEOPLE.teacherB, PEOPLE.pupil1].map((p, i): MeetingEvent => ({
          kind: 'participantJoined',
          id: `b-join-${i}`,
          at: T0 + i,
          participant: p,
        })),
      ];
      for (const event of events) await app.applyEvent(key, event, address);
    });
    after(async () => {
      await app.close();
      await connector.stop();
    });

    it('issue 14: reaches every DSL (1:1 card naming the lesson, never a pupil) and the staff present, recorded as sent with the activity id', async () => {
      const res = await fetch(`${app.base}/api/meetings/${encodeURIComponent(MEETING)}/breach`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await app.token(PEOPLE.teacherA)}`, 'content-type': 'application/json' },
        body: JSON.stringify({ clientRequestId: randomUUID(), note: 'Pupil One said something worrying' }),
      });
      assert.equal(res.status, 200);
      const answer = (await res.json()) as {
        status: { findings: Array<{ ruleId: string; dsl?: { state: string; sentAt?: number } }> };
      };
      const breach = answer.status.findings.find((f) => f.ruleId === 'breach');
      assert.equal(
        breach?.dsl?.state,
        'sent',
        "the side panel learns from the same answer that Teams took the DSL's copy",
      );
      assert.equal(
        accepted(connector, /^Safeguarding alert: Breach reported by staff in a lesson$/),
        1,
        'the DSL got one 1:1 card; its lock-screen preview names no lesson (a title may name a child)',
      );
      const dslCard = JSON.stringify(connector.requests.filter((r) => /\/activities/.test(r.path)).map((r) => r.body));
      assert.doesNotMatch(dslCard, /Pupil One/, 'no pupil name in what the DSL receives');
      const targeted = connector
        .requestsTo('/v1/meetings/')
        .filter((r) => r.method === 'POST' && JSON.stringify(r.body).includes('rule=breach'));
      assert.equal(targeted.length, 1, 'one targeted notification to the staff present');
      assert.deepEqual(
        (targeted[0]!.body as { value: { recipients: string[] } }).value.recipients.sort(),
        [PEOPLE.teacherA.teamsId, PEOPLE.teacherB.teamsId].sort(),
      );
      const deliveries = (await app.meetings.load(lessonKey(MEETING)))?.deliveries ?? [];
      const toDsl = deliveries.filter((d) => d.recipient.kind === 'person' && d.recipient.aadObjectId === DSL.id);
      assert.equal(toDsl.length, 1);
      assert.equal(toDsl[0]!.state, 'sent');
      assert.ok(toDsl[0]!.activityId, "the connector's activity id is kept");
    });
  });

  describe('Teams answering 503 for 90 seconds', () => {
    const school = sampleSchool();
    let connector: LessonHarness['connector'];
    let service: LessonHarness['service'];
    let lesson: LessonHarness['lesson'];
    let meetingId: string;
    useLessonHarness('MCMxOTpvdXRhZ2Ut', (h) => ({ connector, service, lesson, meetingId } = h));
    const { send } = lessonDriver(() => service);
    const dslDeliveries = async (): Promise<Delivery[]> =>
      ((await service.core.meetings.load({ tenantId: school.tenantId, meetingId }))?.deliveries ?? []).filter(
        (d) => d.recipient.kind === 'person' && d.recipient.role === 'dsl',
      );
    const tickAt = async (ms: number): Promise<void> => {
      service.clock.current = ms;
      await service.core.tick();
    };

    it('issue 14: the DSL\'s "pupils without an adult" alert stays pending (never "sent") during the outage and arrives exactly once after it', async () => {
      for (const activity of [
        lesson.start(at(0)),
        lesson.join(school.teacher, at(0)),
        ...school.pupils.map((p) => lesson.join(p, at(0))),
      ])
        await send(activity);
      connector.failNext(100_000, 503);
      await send(lesson.leave(school.teacher, at(1)));
      const raisedAt = at(1) + PAST_GRACE_MS;
      await tickAt(raisedAt);
      let pending = await dslDeliveries();
      assert.equal(pending.length, 1, 'planned in the same write as the finding');
      assert.equal(pending[0]!.state, 'pending');
      assert.match(pending[0]!.lastError ?? '', /503/);
      for (let s = 15; s <= 90; s += 15) await tickAt(raisedAt + s * 1000);
      pending = await dslDeliveries();
      assert.equal(pending[0]!.state, 'pending', 'still owed after 90 s of 503s');
      const key = { tenantId: school.tenantId, meetingId };
      const view = buildStatusView(
        (await service.core.readMeeting(key, 0))!,
        policyFromPreset('strict'),
        service.clock.now(),
      );
      assert.equal(
        view.findings.find((f) => f.ruleId === 'unsupervised')?.dsl?.state,
        'waiting',
        'the side panel says "not delivered yet", never "told"',
      );
      assert.ok(pending[0]!.attempts >= 2, 'tried again with backoff');
      assert.equal(accepted(connector, /Safeguarding alert: Pupils without an adult/), 0);

      connector.recover();
      for (let s = 120; s <= 20 * 60 && (await dslDeliveries())[0]!.state !== 'sent'; s += 30)
        await tickAt(raisedAt + s * 1000);
      const [sent] = await dslDeliveries();
      assert.equal(sent!.state, 'sent');
      for (let s = 21 * 60; s <= 25 * 60; s += 60) await tickAt(raisedAt + s * 1000);
      assert.equal(
        accepted(connector, /Safeguarding alert: Pupils without an adult/),
        1,
        'exactly once, after recovery',
      );
    });

    it("issue 14: the organizer's end-of-lesson summary is owed on the lesson's outbox through the outage and arrives exactly once after it", async () => {
      const key = { tenantId: school.tenantId, meetingId };
      const pupil = school.pupils[0]!;
      for (const activity of [
        lesson.start(at(0), { organizer: school.teacher }),
        ...[school.teacher, school.assistant, pupil].map((p) => lesson.join(p, at(0))),
      ])
        await send(activity);
      await send(lesson.leave(pupil, at(10)));
      connector.failNext(100_000, 503);
      await send(lesson.end(at(12)));
      const summaries = async () =>
        ((await service.core.meetings.load(key))?.deliveries ?? []).filter(
          (d) => d.message.kind === 'card' && d.message.cause.startsWith('summary@'),
        );
      let [owed] = await summaries();
      assert.equal(owed?.state, 'pending', "written to the lesson's outbox, not dropped, while Teams answers 503");
      assert.match(owed!.lastError ?? '', /503/);
      assert.ok(
        owed!.message.kind === 'card' && owed!.message.lines.some((line) => line.includes(pupil.name)),
        'the card as it will be sent, register included',
      );
      assert.equal(accepted(connector, /Summary of "Year 5 maths"/), 0);

      connector.recover();
      for (let s = 30; s <= 20 * 60 && (await summaries())[0]!.state !== 'sent'; s += 30)
        await tickAt(at(12) + s * 1000);
      [owed] = await summaries();
      assert.equal(owed!.state, 'sent');
      for (let s = 21 * 60; s <= 25 * 60; s += 60) await tickAt(at(12) + s * 1000);
      assert.equal(accepted(connector, /Summary of "Year 5 maths"/), 1, 'exactly once, after recovery');
      assert.deepEqual(
        owed!.message.kind === 'card' && owed!.message.lines,
        [],
        'once Teams took it, the lesson row keeps only its title',
      );
    });
  });
});
