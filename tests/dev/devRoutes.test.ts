import { strict as assert } from 'node:assert';
import type { AlertTrail } from '../../bot/src/dev/simulator/alertTrail.js';
import type { FeedEntry } from '../../bot/src/dev/simulator/feed.js';
import { loadSimSchool } from '../../bot/src/dev/school.js';
import type { LessonView } from '../../bot/src/dev/simulator/simRoutes.js';
import { PEOPLE, personPath, startSimService, type SimService } from './simService.js';

type State = { now: number; offsetMs: number; lessons: LessonView[] };

describe('dev/devRoutes: the simulator API drives the real bot endpoint', function () {
  this.timeout(60_000);
  let sim: SimService;
  let meetingId: string;

  const ok = async <T>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<T> => {
    const res = await sim.call<T>(method, path, body);
    assert.equal(res.status, 200, `${method} ${path} answered ${res.status}: ${JSON.stringify(res.body)}`);
    return res.body;
  };
  const act = (personId: string, action: string) => ok<State>('POST', personPath(meetingId, personId, action), {});
  const feed = async () => (await ok<{ entries: FeedEntry[] }>('GET', '/dev/api/feed?after=-1')).entries;
  const alerts = async (rule: string) =>
    (await feed()).filter((e) => e.kind === 'alert' && e.summary.toLowerCase().includes(rule));
  const lesson = async () => (await ok<State>('GET', '/dev/api/state')).lessons.find((l) => l.meetingId === meetingId)!;

  beforeEach(async () => {
    sim = await startSimService();
    ({ meetingId } = await ok<{ meetingId: string }>('POST', '/dev/api/lessons', {
      title: 'Year 5 maths',
      kind: 'Scheduled',
      organizerId: PEOPLE.khan,
      startsInMinutes: 0,
    }));
  });
  afterEach(() => sim.stop());

  async function twoStaffThreePupils(): Promise<void> {
    for (const id of [PEOPLE.khan, PEOPLE.osei, PEOPLE.amira, PEOPLE.ben, PEOPLE.chloe]) await act(id, 'join');
  }

  it('serves the page, its transpiled modules and the Adaptive Cards renderer', async () => {
    const page = await fetch(`${sim.url}/dev`);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<script type="module" src="\/dev\/page\/main.js">/);
    const main = await fetch(`${sim.url}/dev/page/main.js`);
    assert.match(main.headers.get('content-type') ?? '', /javascript/);
    const code = await main.text();
    assert.match(code, /import \{ api \} from '.\/api.js'/);
    assert.doesNotMatch(code, /import type|: SimState/, 'types are stripped');
    assert.equal((await fetch(`${sim.url}/dev/page/devRoutes.js`)).status, 404, 'only the page modules are served');
    assert.match(await (await fetch(`${sim.url}/dev/vendor/adaptivecards.js`)).text(), /AdaptiveCards/);
  });

  it('creating a lesson adds the app to its chat and installs it for staff, as Teams would', async () => {
    const entries = await feed();
    const greeted = entries.filter((e) => e.kind === 'message').flatMap((e) => e.recipients.map((r) => r.name));
    assert.deepEqual(greeted.sort(), ['Mr Hughes', 'Mr Osei', 'Mrs Fletcher', 'Mrs Novak', 'Ms Khan']);
    assert.ok(
      entries.some((e) => e.kind === 'meeting-chat' && e.recipients[0]?.kind === 'chat'),
      'the welcome in the meeting chat is shown as read by everyone',
    );
  });

  it('seed 000 #7: one member of staff leaves; after the grace period the remaining teacher alone is alerted', async () => {
    await twoStaffThreePupils();
    await act(PEOPLE.osei, 'leave');
    assert.equal((await alerts('fewer staff')).length, 0, 'nothing inside the grace period');
    const advanced = await ok<{ fired: number; state: State }>('POST', '/dev/api/clock', { minutes: 1 });
    assert.equal(advanced.state.offsetMs, 60_000);
    const raised = await alerts('fewer staff');
    assert.equal(raised.length, 1);
    assert.deepEqual(raised[0]!.recipients, [{ name: 'Ms Khan', kind: 'staff' }]);
  });

  it('a dropped connection that reconnects inside the grace period pages nobody', async () => {
    await twoStaffThreePupils();
    await act(PEOPLE.osei, 'drop');
    assert.equal((await lesson()).dropped[PEOPLE.osei], 1);
    await act(PEOPLE.osei, 'reconnect');
    await ok('POST', '/dev/api/clock', { minutes: 1 });
    assert.equal((await alerts('fewer staff')).length, 0);
    assert.equal((await lesson()).devices[PEOPLE.osei], 1);
  });

  it('seed 003 line 15: the teacher hangs up leaving pupils: the DSL gets a content-light 1:1 alert', async () => {
    await act(PEOPLE.khan, 'join');
    await act(PEOPLE.amira, 'join');
    await act(PEOPLE.ben, 'join');
    await act(PEOPLE.khan, 'hang-up');
    await ok('POST', '/dev/api/clock', { minutes: 1 });
    const toDsl = (await feed()).filter(
      (e) => e.kind === 'message' && e.personId === PEOPLE.fletcher && /alert/i.test(e.summary),
    );
    assert.ok(toDsl.length >= 1, 'the DSL was told');
    assert.ok(
      toDsl.every((e) => !/Amira|Ben/.test(JSON.stringify(e))),
      'no pupil names in the DSL alert',
    );
    assert.equal((await lesson()).status, 'live', 'hanging up does not end the lesson for the pupils');
  });

  it("the alert trail shows, from the lesson record, when the DSL's copy was sent and then who is dealing with it", async () => {
    const trail = async () =>
      (await ok<{ trails: AlertTrail[] }>('GET', '/dev/api/alert-trail')).trails.filter(
        (t) => t.meetingId === meetingId,
      );
    assert.deepEqual(await trail(), [], 'nothing before an alert goes to the DSL');
    await act(PEOPLE.khan, 'join');
    await act(PEOPLE.amira, 'join');
    await act(PEOPLE.khan, 'hang-up');
    await ok('POST', '/dev/api/clock', { minutes: 1 });
    const [raised] = await trail();
    assert.ok(raised, 'the alert to the DSL is on the trail');
    assert.equal(raised.lesson, 'Year 5 maths');
    assert.equal(raised.over, false);
    const copy = raised.copies.find((c) => c.role === 'dsl');
    assert.deepEqual(
      { ...copy, sentAt: typeof copy?.sentAt },
      { role: 'dsl', name: 'Mrs Fletcher', state: 'sent', sentAt: 'number' },
    );
    assert.equal(raised.acknowledged, undefined);

    const key = { tenantId: loadSimSchool().tenantId, meetingId };
    const at = sim.clock.now();
    await sim.core.recordLessonEvent(key, {
      kind: 'alertAcknowledged',
      id: 'sim-ack',
      at,
      findingKey: raised.findingKey,
      raisedAt: raised.raisedAt,
      by: PEOPLE.fletcher,
      byName: 'Mrs Fletcher',
    });
    assert.deepEqual((await trail())[0]?.acknowledged, { name: 'Mrs Fletcher', at });
  });

  it('the README tour: an untaken alert goes to the deputy at 5 minutes and the headteacher 10 later; "I\'m dealing with it" in the DSL\'s chat takes it', async () => {
    const trail = async () =>
      (await ok<{ trails: AlertTrail[] }>('GET', '/dev/api/alert-trail')).trails.filter(
        (t) => t.meetingId === meetingId,
      );
    const roles = async () => ((await trail())[0]?.copies ?? []).map((c) => `${c.role}:${c.name}:${c.state}`).sort();
    await act(PEOPLE.khan, 'join');
    await act(PEOPLE.amira, 'join');
    await act(PEOPLE.khan, 'hang-up');
    await ok('POST', '/dev/api/clock', { minutes: 1 });
    assert.deepEqual(await roles(), ['dsl:Mrs Fletcher:sent']);
    await ok('POST', '/dev/api/clock', { minutes: 5 });
    await ok('POST', '/dev/api/clock', { minutes: 1 });
    assert.deepEqual(await roles(), ['deputy:Mrs Novak:sent', 'dsl:Mrs Fletcher:sent']);
    await ok('POST', '/dev/api/clock', { minutes: 10 });
    assert.deepEqual(await roles(), ['deputy:Mrs Novak:sent', 'dsl:Mrs Fletcher:sent', 'slt:Mr Hughes:sent']);

    type Line = {
      from: string;
      entry?: {
        activityId?: string;
        cards: Array<{ actions?: Array<{ type: string; verb?: string; data?: Record<string, unknown> }> }>;
      };
    };
    const lines = (await ok<{ lines: Line[] }>('GET', `/dev/api/chat/${PEOPLE.fletcher}`)).lines;
    const card = lines.find((l) => l.entry?.cards.some((c) => c.actions?.some((a) => a.type === 'Action.Execute')));
    const button = card?.entry?.cards.flatMap((c) => c.actions ?? []).find((a) => a.type === 'Action.Execute');
    assert.ok(button?.verb && button.data, "the alert card in Mrs Fletcher's chat has the button");
    const answer = await ok<unknown>('POST', `/dev/api/chat/${PEOPLE.fletcher}`, {
      kind: 'execute',
      verb: button.verb,
      data: button.data,
      replyToId: card?.entry?.activityId,
    });
    assert.match(JSON.stringify(answer), /You are dealing with this alert/);
    assert.equal((await trail())[0]?.acknowledged?.name, 'Mrs Fletcher');
    await ok('POST', '/dev/api/sweep');
    const toNovak = (await feed()).filter((e) => e.kind === 'update' && e.personId === PEOPLE.novak);
    assert.equal(toNovak.length, 1, "the deputy's alert card is replaced: Mrs Fletcher has it");
    assert.match(JSON.stringify(toNovak[0]), /Mrs Fletcher is dealing with it/);
  });

  it('several devices: the person stays in until the last one leaves; the last device out ends the meeting', async () => {
    await act(PEOPLE.khan, 'join');
    await act(PEOPLE.khan, 'join');
    await act(PEOPLE.khan, 'leave');
    const participant = await fetch(
      `${sim.url}/dev/connector/v1/meetings/${encodeURIComponent(meetingId)}/participants/${encodeURIComponent('29:1fake-a1')}?tenantId=x`,
    );
    assert.equal(
      ((await participant.json()) as { meeting: { inMeeting: boolean } }).meeting.inMeeting,
      true,
      'roster checks answer from the simulation',
    );
    const after = await act(PEOPLE.khan, 'leave');
    assert.equal(after.lessons.find((l) => l.meetingId === meetingId)!.status, 'ended');
  });

  it('end for everyone ends the lesson, and refuses when nobody is in', async () => {
    await twoStaffThreePupils();
    await ok('POST', `/dev/api/lessons/${encodeURIComponent(meetingId)}/end`, {});
    assert.equal((await lesson()).status, 'ended');
    const again = await sim.call<{ error: { message: string } }>(
      'POST',
      `/dev/api/lessons/${encodeURIComponent(meetingId)}/end`,
      {},
    );
    assert.equal(again.status, 409);
    assert.match(again.body.error.message, /nothing to end/);
  });

  it('chat: a member of staff asks for help in their 1:1 chat and the answer comes back there', async () => {
    await ok('POST', `/dev/api/chat/${PEOPLE.osei}`, { kind: 'text', text: 'help' });
    const { lines } = await ok<{ lines: Array<{ from: string; text?: string; entry?: FeedEntry }> }>(
      'GET',
      `/dev/api/chat/${PEOPLE.osei}`,
    );
    const helpAt = lines.findIndex((l) => l.from === 'person' && l.text === 'help');
    assert.ok(helpAt >= 0);
    const answer = lines[helpAt + 1];
    assert.equal(answer?.from, 'bot');
    assert.deepEqual(answer.entry?.recipients, [{ name: 'Mr Osei', kind: 'staff' }]);
  });

  it('explains bad requests in sentences', async () => {
    const unknownPerson = await sim.call<{ error: { message: string } }>(
      'POST',
      personPath(meetingId, 'nobody', 'join'),
      {},
    );
    assert.equal(unknownPerson.status, 400);
    assert.match(unknownPerson.body.error.message, /not in the sample school/);
    const backwards = await sim.call('POST', '/dev/api/clock', { minutes: -5 });
    assert.equal(backwards.status, 400);
    const notIn = await sim.call('POST', personPath(meetingId, PEOPLE.ben, 'leave'), {});
    assert.equal(notIn.status, 409);
  });
});
