import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { ConcernQueueView } from '../../../bot/src/app/concerns/concernQueue.js';
import { formInput } from '../../app/concerns/fixtures.js';
import { lessonActivities } from '../../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../../support/fakeConnector.js';
import { postActivity } from '../../support/serviceHarness.js';
import { standIn } from '../../support/suiteResource.js';
import {
  OTHER_TENANT,
  PEOPLE,
  SCHOOL_TENANT,
  startTabTestServer,
  TEAM,
  teamStaffList,
  type TabTestServer,
} from '../../support/tabServer.js';

/** When the first concern is logged. */
export const T0 = Date.parse('2026-03-10T10:00:00Z');
const MIN = 60_000;
/** The test school's Designated Safeguarding Lead. */
export const DSL = TEAM.dsl;
/** A deputy DSL of the test school. */
export const DEPUTY = TEAM.deputy;
/** A senior leader of the test school. */
export const SLT = TEAM.slt;
/** Another school's DSL. */
export const OTHER_DSL = TEAM.otherDsl;
type Person = { id: string; name: string };

/**
 * The service's clock: where it stands now. Each suite starts it at {@link T0}; logging a concern moves it on a
 * minute. An ES module binding, so it reads the current time wherever it is imported.
 */
export let now = T0;

/**
 * For the enclosing `describe`: the service with a school's staff list (a DSL, a deputy, a senior leader), a fake
 * Teams connector for the reporters' updates, and four concerns logged: Amira's (routine, in Year 5 maths), Ben's
 * (urgent), Chloe's (routine), and Dara's in another school. `refs` holds their references; the helpers call the
 * concern API as a person.
 */
export function useLoggedConcerns() {
  let app: TabTestServer | undefined;
  let connector: RunningFakeConnector | undefined;
  const refs: Record<'amira' | 'ben' | 'chloe' | 'foreign', string> = { amira: '', ben: '', chloe: '', foreign: '' };

  const call = async (path: string, person: Person, init: RequestInit = {}, tenantId = SCHOOL_TENANT) =>
    fetch(`${app!.base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${await app!.token(person, tenantId)}`,
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
    ((await app!.core.concerns.deliveryBook(SCHOOL_TENANT, ref).load())?.deliveries ?? [])
      .filter((d) => d.recipient.kind === 'person' && d.recipient.role === 'reporter')
      .map((d) => `${d.message.kind === 'concernUpdate' ? d.message.update : 'other'}: ${d.state}`);

  before(async () => {
    now = T0;
    connector = await startFakeConnector();
    app = await startTabTestServer({
      issuer: 'test',
      clock: { now: () => now },
      staffList: teamStaffList(),
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

  return { app: standIn(() => app), refs, call, post, errorOf, queue, queueRefs, owedToReporter };
}
