import { strict as assert } from 'node:assert';
import { findingDeliveries } from '../../bot/src/app/delivery/delivery.js';
import { personalChatActivities, type ActivityPerson } from '../../bot/src/dev/activities.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { acknowledgementOf } from '../../bot/src/domain/acknowledgements.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, postActivity, startTestService } from '../support/serviceHarness.js';

// Issue 14: critical alerts carry "I'm dealing with it"; if no DSL acknowledges within 5 minutes
// the deputies are told, then after 10 more minutes the senior leadership team; acknowledging
// stops it and tells the others who took it.
const MIN = 60_000;
const t0 = Date.parse('2026-01-15T09:00:00Z');
const school = sampleSchool();
const { person } = school;
const dsl2 = person('d2', 'Mr Second (FAKE)');
const deputy = person('e1', 'Ms Deputy (FAKE)');
const head = person('f1', 'Dr Head (FAKE)');

describe('scenarios: nobody takes a critical alert (escalation) and "I\'m dealing with it" (acknowledgement)', function () {
  this.timeout(60_000);
  let connector: RunningFakeConnector;
  beforeEach(async () => (connector = await startFakeConnector()));
  afterEach(async () => connector.stop());

  const to = (who: { aadObjectId: string }) =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(who.aadObjectId));
  const alerts = (who: { aadObjectId: string }) =>
    to(who).filter((m) => /Safeguarding alert: Pupils without an adult/.test(m.text));

  /** Both adults leave the pupils; returns the service once the DSL alert has gone out. */
  async function pupilsLeftAlone(meetingId: string) {
    const clock = new ManualClock(t0);
    const staffList = {
      ...school.staffList(),
      dsl: [school.dsl.aadObjectId, dsl2.aadObjectId],
      deputies: [deputy.aadObjectId],
      slt: [head.aadObjectId],
    };
    const service = await startTestService({ staffList, clock });
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
    for (const a of [
      lesson.start(t0),
      lesson.join(school.teacher, t0),
      lesson.join(school.assistant, t0),
      lesson.join(school.pupils[0]!, t0),
      lesson.leave(school.teacher, t0 + MIN),
      lesson.leave(school.assistant, t0 + MIN),
    ]) {
      assert.equal(await postActivity(service.url, a), 200);
    }
    clock.current = t0 + MIN + 40_000;
    await service.core.tick();
    assert.equal(alerts(school.dsl).length, 1, 'the DSL is alerted');
    return { service, clock };
  }

  /** The "I'm dealing with it" button of the alert card sent to `who`. */
  function ackButton(who: { aadObjectId: string }): { verb: string; data: Record<string, unknown> } {
    const card = JSON.parse(alerts(who)[0]!.body) as {
      attachments: Array<{
        content: { actions: Array<{ type: string; verb?: string; data?: Record<string, unknown> }> };
      }>;
    };
    const action = card.attachments[0]!.content.actions.find((a) => a.type === 'Action.Execute');
    assert.ok(action?.verb && action.data, 'the critical alert card carries the button');
    return { verb: action.verb, data: action.data };
  }

  async function press(
    url: string,
    who: ActivityPerson,
    button: { verb: string; data: Record<string, unknown> },
    at: number,
  ): Promise<string> {
    const chat = personalChatActivities({
      tenantId: school.tenantId,
      serviceUrl: connector.url,
      conversationId: personalConversationId(who.aadObjectId),
      person: who,
    });
    const res = await fetch(`${url}/api/messages`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(chat.execute(at, button.verb, button.data)),
    });
    assert.equal(res.status, 200);
    return JSON.stringify(await res.json());
  }

  it('unacknowledged: the deputies are told at 5 minutes and the senior leadership team at 15, each once', async () => {
    const { service, clock } = await pupilsLeftAlone(`esc-${Date.now()}`);
    const raisedAt = clock.current;
    try {
      clock.current = raisedAt + 4 * MIN;
      await service.core.tick();
      assert.equal(alerts(deputy).length, 0, 'not before 5 minutes');
      clock.current = raisedAt + 5 * MIN + 10_000;
      await service.core.tick();
      assert.equal(alerts(deputy).length, 1, 'the deputy at 5 minutes');
      assert.equal(alerts(head).length, 0);
      ackButton(deputy);
      clock.current = raisedAt + 15 * MIN + 10_000;
      await service.core.tick();
      await service.core.tick();
      assert.deepEqual(
        [alerts(deputy).length, alerts(head).length],
        [1, 1],
        'the senior leader at 15 minutes; nobody twice',
      );
    } finally {
      await service.stop();
    }
  });

  it('a DSL presses "I\'m dealing with it": escalation stops, the other DSL is told who has it, and a second press says who', async () => {
    const { service, clock } = await pupilsLeftAlone(`ack-${Date.now()}`);
    const raisedAt = clock.current;
    try {
      const button = ackButton(school.dsl);
      const mine = await press(service.url, school.dsl, button, raisedAt + 2 * MIN);
      assert.match(mine, /You are dealing with this alert/);
      await service.core.tick();
      // The other DSL's alert card is replaced in place (an edit of the message Teams already shows).
      const edits = (who: { aadObjectId: string }) =>
        connector.requests.filter(
          (r) =>
            r.method === 'PUT' &&
            r.decodedPath.startsWith(`/v3/conversations/${personalConversationId(who.aadObjectId)}/activities/`),
        );
      assert.equal(edits(dsl2).length, 1, 'the other DSL learns who has it');
      assert.match(JSON.stringify(edits(dsl2)[0]!.body), /Mrs Fletcher \(FAKE\) is dealing with it/);
      const lessonNow = await service.core.meetings.load({
        tenantId: school.tenantId,
        meetingId: button.data.meetingId as string,
      });
      const theirCard = findingDeliveries(lessonNow?.deliveries ?? []).find(
        (d) =>
          d.recipient.kind === 'person' && d.recipient.aadObjectId === dsl2.aadObjectId && d.message.phase === 'raised',
      );
      assert.ok(
        theirCard?.activityId && edits(dsl2)[0]!.decodedPath.endsWith(`/${theirCard.activityId}`),
        'the very card Teams gave them',
      );
      assert.equal(edits(school.dsl).length, 0, 'not the one who took it');
      const theirs = await press(service.url, dsl2, ackButton(dsl2), raisedAt + 3 * MIN);
      assert.match(theirs, /Mrs Fletcher \(FAKE\) is already dealing with this alert/);
      const stored = await service.core.meetings.load({
        tenantId: school.tenantId,
        meetingId: button.data.meetingId as string,
      });
      assert.equal(
        acknowledgementOf(stored!.state, 'unsupervised', raisedAt)?.by,
        school.dsl.aadObjectId,
        'the first press took it',
      );
      clock.current = raisedAt + 20 * MIN;
      await service.core.tick();
      await service.core.tick();
      assert.deepEqual([alerts(deputy).length, alerts(head).length], [0, 0], 'nobody else is asked to take it');
    } finally {
      await service.stop();
    }
  });

  it('a member of staff who is not a DSL, deputy or senior leader cannot take it', async () => {
    const { service, clock } = await pupilsLeftAlone(`refuse-${Date.now()}`);
    try {
      const answer = await press(service.url, school.assistant, ackButton(school.dsl), clock.current + MIN);
      assert.match(answer, /Only the safeguarding leads and senior leaders/);
      const stored = await service.core.meetings.load({
        tenantId: school.tenantId,
        meetingId: ackButton(school.dsl).data.meetingId as string,
      });
      assert.equal(stored?.state.acknowledgements, undefined);
    } finally {
      await service.stop();
    }
  });
});
