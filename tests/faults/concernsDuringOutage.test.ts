import { strict as assert } from 'node:assert';
import { randomUUID } from 'node:crypto';
import type { Participant } from '../../bot/src/domain/types.js';
import { personalChatActivities } from '../../bot/src/dev/activities.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { sharedAzurite } from '../support/azurite.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { ManualClock, postActivity, startTestService } from '../support/serviceHarness.js';
import { storageLink, type StorageLink } from '../support/storageLink.js';
import { PEOPLE, SCHOOL_TENANT, startTabTestServer, type TabTestServer } from '../support/tabServer.js';
import { formInput } from '../app/concerns/fixtures.js';

const DSL: Participant = {
  id: 'dddddddd-0000-4000-8000-00000000c0c1',
  teamsId: '29:dsl',
  name: 'Mrs Lead',
  role: 'staff',
};

describe('faults: a concern logged while Table Storage is unreachable', function () {
  this.timeout(90_000);
  let connector: RunningFakeConnector;
  let link: StorageLink;
  let app: TabTestServer;

  before(async () => {
    connector = await startFakeConnector();
    link = await storageLink(await sharedAzurite());
    app = await startTabTestServer({
      issuer: 'test',
      connectionString: link.connectionString,
      staffList: { staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id], dsl: [DSL.id] },
    });
    // A lesson event tells the service where this school's Teams is (needed to open the DSL's 1:1 chat).
    const lesson = lessonActivities({
      tenantId: SCHOOL_TENANT,
      meetingId: `concern-${Date.now()}`,
      serviceUrl: connector.url,
    });
    assert.equal(await postActivity(app.base, lesson.start(Date.now())), 200);
  });
  after(async () => {
    await app.close();
    await link.close();
    await connector.stop();
  });

  it('is accepted and held (202), the DSL is told at once, the receipt says so, and it is filed with its original time once storage is back', async () => {
    await link.cut();
    const form = formInput({ clientRequestId: randomUUID(), urgency: 'urgent' });
    const post = async () =>
      fetch(`${app.base}/api/concerns`, {
        method: 'POST',
        headers: { authorization: `Bearer ${await app.token(PEOPLE.teacherA)}`, 'content-type': 'application/json' },
        body: JSON.stringify(form),
      });
    const res = await post();
    assert.equal(res.status, 202, 'accepted, not yet filed');
    const answer = (await res.json()) as { ref: string; held?: boolean; toldDsls: number };
    assert.deepEqual([answer.held, answer.toldDsls], [true, 1]);
    const toDsl = postedMessages(connector).filter((m) => m.text.includes(`New safeguarding concern ${answer.ref}`));
    assert.equal(toDsl.length, 1, 'the DSL is told while storage is down');
    assert.doesNotMatch(
      toDsl[0]!.text,
      new RegExp(String(form.pupilName)),
      'the preview is content-light: no pupil name',
    );
    const answeredAt = Date.now();
    const again = await post();
    assert.deepEqual(
      [again.status, ((await again.json()) as { duplicate?: boolean }).duplicate],
      [200, true],
      'the same form sent again is one concern',
    );
    const health = await fetch(`${app.base}/healthz`);
    assert.equal(health.status, 503);
    assert.match(await health.text(), /1 concerns held/);

    await new Promise((resolve) => setTimeout(resolve, 50));
    await link.restore();
    await app.core.tick();
    const filed = await app.core.concerns.get(SCHOOL_TENANT, answer.ref);
    assert.ok(filed, 'filed once storage is back');
    assert.equal(filed.details.urgency, 'urgent');
    assert.ok(filed.raisedAt <= answeredAt, 'with the time it was logged, not the time it was filed');
    assert.equal(filed.reporter.aadObjectId, PEOPLE.teacherA.id);
    assert.equal((await fetch(`${app.base}/healthz`)).status, 200);
  });
});

describe('faults: a concern sent from the chat card while Table Storage is unreachable', function () {
  this.timeout(90_000);

  it('gets its receipt card (held, DSL told) instead of a silent 200, and is filed once storage is back', async () => {
    const connector = await startFakeConnector();
    const link = await storageLink(await sharedAzurite());
    const school = sampleSchool();
    const service = await startTestService({
      staffList: school.staffList(),
      connectionString: link.connectionString,
      clock: new ManualClock(Date.now()),
    });
    try {
      const chat = personalChatActivities({
        tenantId: school.tenantId,
        serviceUrl: connector.url,
        conversationId: 'a:khan-1to1',
        person: school.teacher,
      });
      await link.cut();
      const form = {
        pupilName: 'Zebedee Quill',
        category: 'disclosure',
        whatHappened: 'Said something worrying',
        happenedDate: '2026-01-15',
        happenedTime: '09:05',
        actionsTaken: 'Listened.',
        urgency: 'urgent',
        clientRequestId: randomUUID(),
      };
      const res = await fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(chat.execute(Date.now(), 'concern.submit', form)),
      });
      assert.equal(res.status, 200);
      const card = JSON.stringify(await res.json());
      assert.match(
        card,
        /keeping your concern safely and will file it/,
        'the reporter is told it is held, not that it is stored',
      );
      const ref = /Concern (C-[A-Z0-9]+) logged/.exec(card)?.[1];
      assert.ok(ref, card.slice(0, 500));
      assert.equal(
        postedMessages(connector).filter((m) => m.text.includes(`New safeguarding concern ${ref}`)).length,
        1,
        'the DSL is told now',
      );
      await link.restore();
      await service.core.tick();
      assert.ok(await service.core.concerns.get(school.tenantId, ref), 'filed once storage is back');
    } finally {
      await service.stop();
      await link.close();
      await connector.stop();
    }
  });
});
