import { strict as assert } from 'node:assert';
import type { Delivery } from '../../bot/src/app/delivery/delivery.js';
import { buildStatusView } from '../../bot/src/app/sidePanel/buildStatusView.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import { sampleSchool } from '../support/activities.js';
import { at, lessonDriver, PAST_GRACE_MS, useLessonHarness, type LessonHarness } from '../support/lessonHarness.js';
import { accepted } from './acceptedActivities.js';

describe('scenarios: every lesson alert goes through the delivery outbox (the same composition as production)', function () {
  this.timeout(120_000);

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
