import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';
import { accepted } from './acceptedActivities.js';

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
});
