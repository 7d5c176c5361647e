import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ConcernDetailView } from '../../../bot/src/app/concerns/concernDetail.js';
import type { ConcernQueueView } from '../../../bot/src/app/concerns/concernQueue.js';
import { formInput } from '../../app/concerns/fixtures.js';
import { lessonActivities } from '../../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../../support/fakeConnector.js';
import { postActivity } from '../../support/serviceHarness.js';
import {
  OTHER_TENANT,
  PEOPLE,
  SCHOOL_TENANT,
  startTabTestServer,
  type TabTestServer,
} from '../../support/tabServer.js';

const T0 = Date.parse('2026-03-10T10:00:00Z');
const MIN = 60_000;
const DSL = { id: 'dddddddd-0000-4000-8000-0000000000d1', name: 'Mrs Fletcher' };
const DEPUTY = { id: 'dddddddd-0000-4000-8000-0000000000d2', name: 'Mr Deputy' };
const SLT = { id: 'dddddddd-0000-4000-8000-0000000000d3', name: 'Ms Head' };
const OTHER_DSL = { id: 'dddddddd-0000-4000-8000-0000000000d4', name: 'Other DSL' };
type Person = { id: string; name: string };

describe('http/tabApi: the DSL concern queue in the school view (/api/school/concerns)', function () {
  this.timeout(60_000);
  let app: TabTestServer;
  let connector: RunningFakeConnector;
  let now = T0;
  const refs: Record<'amira' | 'ben' | 'chloe' | 'foreign', string> = { amira: '', ben: '', chloe: '', foreign: '' };

  const call = async (path: string, person: Person, init: RequestInit = {}, tenantId = SCHOOL_TENANT) =>
    fetch(`${app.base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await app.token(person, tenantId)}`,
        ...(init.body ? { 'content-type': 'application/json' } : {}),
      },
    });
  const post = (path: string, body: object = {}, person: Person = DSL, tenantId = SCHOOL_TENANT) =>
    call(path, person, { method: 'POST', body: JSON.stringify(body) }, tenantId);
  const errorOf = async (res: Response) => ((await res.json()) as { error: { code: string; message: string } }).error;
  const queue = async (query = '', person: Person = DSL, tenantId = SCHOOL_TENANT) => {
    const res = await call(`/api/school/concerns${query}`, person, {}, tenantId);
    assert.equal(res.status, 200);
    return (await res.json()) as ConcernQueueView;
  };
  const queueRefs = async (query = '') => (await queue(query)).concerns.map((c) => c.ref);
  const logConcern = async (person: Person, fields: Record<string, unknown>, tenantId = SCHOOL_TENANT) => {
    const body = JSON.stringify(formInput({ clientRequestId: randomUUID(), happenedAt: now - MIN, ...fields }));
    const res = await call('/api/concerns', person, { method: 'POST', body }, tenantId);
    assert.equal(res.status, 201, await res.clone().text());
    now += MIN;
    return ((await res.json()) as { ref: string }).ref;
  };
  const owedToReporter = async (ref: string) =>
    ((await app.core.concerns.deliveryBook(SCHOOL_TENANT, ref).load())?.deliveries ?? [])
      .filter((d) => d.recipient.kind === 'person' && d.recipient.role === 'reporter')
      .map((d) => `${d.message.kind === 'concernUpdate' ? d.message.update : 'other'}: ${d.state}`);

  before(async () => {
    connector = await startFakeConnector();
    app = await startTabTestServer({
      issuer: 'test',
      clock: { now: () => now },
      staffList: {
        staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, DSL.id, DEPUTY.id, SLT.id],
        dsl: [DSL.id],
        deputies: [DEPUTY.id],
        slt: [SLT.id],
        names: { [DSL.id]: DSL.name },
        tenants: { [OTHER_TENANT]: { staff: [PEOPLE.teacherA.id, OTHER_DSL.id], dsl: [OTHER_DSL.id] } },
      },
    });
    // A lesson event tells the service where this school's Teams is, so the reporter's updates can be sent.
    const where = lessonActivities({
      tenantId: SCHOOL_TENANT,
      meetingId: 'school-concerns',
      serviceUrl: connector.url,
    });
    assert.equal(await postActivity(app.base, where.start(now)), 200);
    const lesson = { meetingId: 'school-concerns-maths', meetingTitle: 'Year 5 maths' };
    refs.amira = await logConcern(PEOPLE.teacherA, {
      pupilName: 'Amira Khan',
      category: 'neglect',
      urgency: 'routine',
      ...lesson,
    });
    refs.ben = await logConcern(PEOPLE.teacherB, { pupilName: 'Ben Osei', category: 'online-safety' });
    refs.chloe = await logConcern(PEOPLE.teacherA, {
      pupilName: 'Chloe Day',
      category: 'emotional',
      urgency: 'routine',
    });
    refs.foreign = await logConcern(PEOPLE.teacherA, { pupilName: 'Dara Elm', urgency: 'routine' }, OTHER_TENANT);
  });
  after(async () => {
    await app?.close();
    await connector?.stop();
  });

  it('is for the DSL: deputies and senior leaders get a sentence, a teacher the school view refusal, no token 401', async () => {
    assert.equal((await queue()).concerns.length, 3);
    for (const person of [DEPUTY, SLT]) {
      for (const path of ['/api/school/concerns', `/api/school/concerns/${refs.ben}`]) {
        const res = await call(path, person);
        assert.equal(res.status, 403, `${person.name} ${path}`);
        const error = await errorOf(res);
        assert.equal(error.code, 'dslOnly');
        assert.match(error.message, /^Only the Designated Safeguarding Lead sees the school's safeguarding concerns/);
      }
      assert.equal((await post(`/api/school/concerns/${refs.ben}/acknowledge`, {}, person)).status, 403);
    }
    const teacher = await call('/api/school/concerns', PEOPLE.teacherA);
    assert.deepEqual([teacher.status, (await errorOf(teacher)).code], [403, 'leadersOnly']);
    assert.equal((await fetch(`${app.base}/api/school/concerns`)).status, 401);
    assert.deepEqual(await owedToReporter(refs.ben), [], 'nothing was acknowledged');
  });

  it("another school's DSL sees none of these concerns, and any reference of ours is not found", async () => {
    const theirs = await queue('', OTHER_DSL, OTHER_TENANT);
    assert.deepEqual(
      theirs.concerns.map((c) => c.ref),
      [refs.foreign],
    );
    const paths = ['', '/export.csv', '/export.md'].map((tail) => `/api/school/concerns/${refs.ben}${tail}`);
    for (const path of paths) {
      const res = await call(path, OTHER_DSL, {}, OTHER_TENANT);
      assert.equal(res.status, 404, path);
      assert.equal((await errorOf(res)).code, 'concernNotFound');
    }
    for (const [step, body] of [
      ['acknowledge', {}],
      ['close', { outcome: 'No further action' }],
    ] as const)
      assert.equal((await post(`/api/school/concerns/${refs.ben}/${step}`, body, OTHER_DSL, OTHER_TENANT)).status, 404);
    assert.equal((await call(`/api/school/concerns/${refs.foreign}`, DSL)).status, 404, 'nor theirs ours');
    assert.equal((await call('/api/school/concerns/not-a-ref', DSL)).status, 404);
  });

  it('orders urgent first, then unacknowledged, then the oldest, and says what each row needs', async () => {
    const view = await queue();
    assert.equal(view.timeZone, 'Europe/London');
    assert.deepEqual(
      view.concerns.map((c) => c.ref),
      [refs.ben, refs.amira, refs.chloe],
    );
    assert.deepEqual(view.concerns[1], {
      ref: refs.amira,
      pupil: 'Amira Khan',
      category: 'neglect',
      categoryLabel: 'Neglect',
      urgency: 'routine',
      reporter: PEOPLE.teacherA.name,
      lesson: 'Year 5 maths',
      loggedAt: T0,
      acknowledged: false,
      status: 'open',
    });
  });

  it('filters by pupil, category, lesson and reporter; a filter it cannot read is a 400 with a sentence', async () => {
    assert.deepEqual(await queueRefs('?pupil=amira'), [refs.amira]);
    assert.deepEqual(await queueRefs('?category=online-safety'), [refs.ben]);
    assert.deepEqual(await queueRefs('?lesson=MATHS'), [refs.amira]);
    assert.deepEqual(await queueRefs(`?reporter=${encodeURIComponent('Mr Brown')}`), [refs.ben]);
    assert.deepEqual(await queueRefs('?reporter=adams&category=emotional'), [refs.chloe]);
    const bad = await call('/api/school/concerns?category=gossip', DSL);
    assert.deepEqual([bad.status, (await errorOf(bad)).code], [400, 'badFilter']);
  });

  it('opens a concern as its chronology, with the school levels to choose from', async () => {
    const res = await call(`/api/school/concerns/${refs.amira.toLowerCase()}`, DSL);
    assert.equal(res.status, 200);
    const view = (await res.json()) as ConcernDetailView;
    assert.equal(view.ref, refs.amira);
    assert.match(view.lessonWords, /^"Year 5 maths"/);
    assert.deepEqual(view.levels, ['low-level', 'concern', 'child-protection']);
    assert.equal(view.chronology.length, 1);
    const raised = view.chronology[0]!;
    assert.deepEqual(
      [raised.what, raised.who, raised.when],
      ['Concern raised', PEOPLE.teacherA.name, '2026-03-10 10:00 GMT'],
    );
    assert.ok(raised.fields.some((f) => f.label === 'Pupil' && f.value === 'Amira Khan'));
  });

  it('records each triage step in the chronology, with the reporter told as by the chat commands', async () => {
    const path = `/api/school/concerns/${refs.amira}`;
    const ack = await post(`${path}/acknowledge`);
    assert.equal(ack.status, 200);
    const acked = (await ack.json()) as ConcernDetailView;
    assert.deepEqual([acked.acknowledged, acked.acknowledgedByYou], [true, true]);
    assert.deepEqual(acked.acknowledgements, [{ name: DSL.name, at: now }]);
    assert.deepEqual(await owedToReporter(refs.amira), ['acknowledged: sent'], 'the reporter was told');
    const again = await post(`${path}/acknowledge`);
    assert.equal(again.status, 403);
    assert.match((await errorOf(again)).message, /already acknowledged/);
    assert.deepEqual(await queueRefs(), [refs.ben, refs.chloe, refs.amira], 'acknowledged goes below unacknowledged');

    assert.equal((await post(`${path}/level`, { level: 'Child protection' })).status, 200);
    const wrongLevel = await post(`${path}/level`, { level: 'purple' });
    assert.equal(wrongLevel.status, 403);
    assert.match((await errorOf(wrongLevel)).message, /not one of your school's levels/);
    assert.equal((await post(`${path}/action`, { text: '   ' })).status, 400, 'an empty note');
    assert.equal((await post(`${path}/action`, { text: 'Parents contacted', extra: 1 })).status, 400);
    assert.equal((await post(`${path}/action`, { text: 'Parents contacted' })).status, 200);
    const close = await post(`${path}/close`, { outcome: 'Referred to early help' });
    assert.equal(close.status, 200);
    const closed = (await close.json()) as ConcernDetailView;
    assert.deepEqual(
      closed.chronology.map((l) => [l.what, l.who, l.fields[0]!.value]),
      [
        ['Concern raised', PEOPLE.teacherA.name, 'Amira Khan'],
        ['Acknowledged by DSL', DSL.name, 'Read and acknowledged'],
        ['Level set', DSL.name, 'child-protection'],
        ['Action or note added', DSL.name, 'Parents contacted'],
        ['Closed', DSL.name, 'Referred to early help'],
      ],
    );
    assert.deepEqual(
      [closed.status, closed.level, closed.outcome],
      ['closed', 'child-protection', 'Referred to early help'],
    );
    assert.deepEqual(await owedToReporter(refs.amira), ['acknowledged: sent', 'closed: sent']);
    const late = await post(`${path}/action`, { text: 'One more thing' });
    assert.equal(late.status, 403);
    assert.match((await errorOf(late)).message, /already closed/);
    assert.deepEqual(await queueRefs(), [refs.ben, refs.chloe], 'closed leaves the open queue');
    assert.deepEqual(await queueRefs('?status=all'), [refs.ben, refs.chloe, refs.amira]);
    const stored = await app.core.concerns.get(SCHOOL_TENANT, refs.amira);
    assert.equal(stored?.entries.length, 5, 'the store holds what the answer said');
  });

  it('exports the chronology as a CSV or Markdown attachment, and logs no pupil name or concern text', async () => {
    const csv = await call(`/api/school/concerns/${refs.ben}/export.csv`, DSL);
    assert.equal(csv.status, 200);
    assert.equal(csv.headers.get('content-type'), 'text/csv; charset=utf-8');
    assert.equal(csv.headers.get('content-disposition'), `attachment; filename="${refs.ben}.csv"`);
    const csvText = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    assert.ok(csvText.startsWith('\uFEFF"Reference","Entry","Date and time (Europe/London)"'), csvText.slice(0, 80));
    assert.match(csvText, /Ben Osei/);
    const md = await call(`/api/school/concerns/${refs.ben}/export.md`, DSL);
    assert.equal(md.headers.get('content-type'), 'text/markdown; charset=utf-8');
    assert.equal(md.headers.get('content-disposition'), `attachment; filename="${refs.ben}.md"`);
    assert.match(await md.text(), new RegExp(`^# Safeguarding concern ${refs.ben}\n`));
    const logged = JSON.stringify(app.logLines);
    for (const secret of ['Amira', 'Ben Osei', 'SECRET-TEXT-41', 'Parents contacted'])
      assert.ok(!logged.includes(secret), `${secret} is not in the logs`);
  });
});
