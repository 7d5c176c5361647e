import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { StatusView } from '../../../bot/src/app/sidePanel/statusView.js';
import type { MeetingEvent, Participant } from '../../../bot/src/domain/types.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../../support/tabServer.js';

const MEETING = 'MCMxOTptZWV0aW5nX3RocmVlLXN0YXRlLWNoZWNrcw==';
// The service's clock: 10:04 in London (GMT) on a Tuesday in term, a second later at each change (the latest change
// wins).
const NOW = Date.parse('2026-03-10T10:04:00Z');
const T0 = NOW - 4 * 60_000;
let now = NOW;
const join = (p: Participant, at: number, id: string): MeetingEvent => ({
  kind: 'participantJoined',
  id,
  at,
  participant: p,
});

describe('http/tabApi: three-state pupil checks through the real service', () => {
  let app: TabTestServer;
  const url = (path: string) => `${app.base}/api/meetings/${encodeURIComponent(MEETING)}/${path}`;
  const headers = async (person: { id: string; name: string }) => ({
    authorization: `Bearer ${await app.token(person)}`,
    'content-type': 'application/json',
  });
  const record = async (body: Record<string, unknown>, person = PEOPLE.teacherB) => {
    now += 1000;
    const payload = { clientRequestId: randomUUID(), pupilId: PEOPLE.pupil1.id, check: 'parentPresent', ...body };
    return fetch(url('pupil-checks'), {
      method: 'POST',
      headers: await headers(person),
      body: JSON.stringify(payload),
    });
  };
  const status = async () =>
    (await (await fetch(url('status'), { headers: await headers(PEOPLE.teacherA) })).json()) as StatusView;
  const parentCheck = (view: StatusView) => view.register.find((r) => r.id === PEOPLE.pupil1.id)?.checks.parentPresent;
  // The per-pupil findings arrive as one grouped alert that names the pupil and what is missing or refused.
  const pupilChecks = (view: StatusView) => view.findings.flatMap((f) => (f.kind === 'pupilChecks' ? [f] : []))[0];
  const findingKeys = (view: StatusView) =>
    (pupilChecks(view)?.findingKeys ?? []).filter((key) => key.startsWith('parent-present:'));

  before(async () => {
    app = await startTabTestServer({ issuer: 'test', clock: { now: () => now } });
    const key = lessonKey(MEETING);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'start',
      at: T0,
      meetingType: 'Scheduled',
      title: 'Year 4 science',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, T0, 'j1'));
    await app.applyEvent(key, join(PEOPLE.teacherB, T0, 'j2'));
    await app.applyEvent(key, join(PEOPLE.pupil1, T0 + 60_000, 'j3'));
  });
  after(() => app.close());

  it('records yes, then no (the removal finding), then not yet (the undo: the finding clears), each with who and when', async () => {
    assert.deepEqual(parentCheck(await status()), { state: 'notYet' }, 'never recorded: not yet, nobody');

    assert.equal((await record({ state: 'yes' })).status, 200);
    const yes = await status();
    assert.deepEqual(parentCheck(yes), {
      state: 'yes',
      stamp: { by: PEOPLE.teacherB.id, byName: 'Mr Brown', at: now },
    });
    assert.deepEqual(findingKeys(yes), []);

    const no = (await (await record({ state: 'no' })).json()) as { status: StatusView };
    assert.equal(parentCheck(no.status)?.state, 'no');
    assert.deepEqual(findingKeys(no.status), [`parent-present:${PEOPLE.pupil1.id}:no`]);
    const refused = pupilChecks(no.status)?.pupils.find((p) => p.pupilId === PEOPLE.pupil1.id);
    assert.equal(refused?.name, 'Pupil One');
    assert.equal(refused?.refused[0]?.words, 'no parent/carer in the room');
    assert.match(refused?.refused[0]?.action ?? '', /remove them from the meeting/);

    assert.equal((await record({ state: 'notYet' }, PEOPLE.teacherA)).status, 200);
    const undone = await status();
    assert.deepEqual(parentCheck(undone), {
      state: 'notYet',
      stamp: { by: PEOPLE.teacherA.id, byName: 'Ms Adams', at: now },
    });
    assert.deepEqual(findingKeys(undone), [], 'within the allowed minutes an open check raises nothing');

    const events = await app.meetings.listEvents(lessonKey(MEETING));
    const states = events.flatMap((e) => (e.kind === 'pupilCheckRecorded' && 'state' in e ? [e.state] : []));
    assert.deepEqual(states, ['yes', 'no', 'notYet']);
  });

  it("refuses the old panel's yes/no tick with a 400 that says to reload, and records nothing", async () => {
    const before = (await app.meetings.listEvents(lessonKey(MEETING))).length;
    const res = await record({ value: false });
    assert.equal(res.status, 400);
    const error = ((await res.json()) as { error: { code: string; message: string } }).error;
    assert.equal(error.code, 'outdatedPanel');
    assert.match(error.message, /out of date: reload it/);
    assert.equal((await app.meetings.listEvents(lessonKey(MEETING))).length, before);
    assert.equal((await record({ state: 'maybe' })).status, 400, 'a state not offered is refused');
  });

  it('exports each check as yes, no or not yet, with who recorded it and when, in local time', async () => {
    await record({ check: 'consent', state: 'no' });
    const res = await fetch(url('register.csv'), { headers: await headers(PEOPLE.teacherA) });
    const [header, row] = (await res.text())
      .replace(/^\uFEFF/, '')
      .trim()
      .split('\r\n');
    const cells = (line: string | undefined) => JSON.parse(`[${line ?? ''}]`) as string[];
    const columns = cells(header);
    const values = Object.fromEntries(columns.map((c, i) => [c, cells(row)[i]]));
    const view = await status();
    const label = (check: string) => view.pupilChecks.find((c) => c.check === check)!.label;
    assert.equal(values[label('consent')], 'no');
    assert.equal(values[`${label('consent')}: recorded by`], 'Mr Brown at 2026-03-10 10:04');
    assert.equal(values[label('parentPresent')], 'not yet');
    assert.equal(values[`${label('parentPresent')}: recorded by`], 'Ms Adams at 2026-03-10 10:04');
    assert.equal(values[label('communalRoom')], 'not yet');
    assert.equal(values[`${label('communalRoom')}: recorded by`], '');
  });
});
