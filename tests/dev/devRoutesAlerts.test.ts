import { strict as assert } from 'node:assert';
import type { AlertTrail } from '../../bot/src/dev/simulator/alertTrail.js';
import { loadSimSchool } from '../../bot/src/dev/school.js';
import { PEOPLE } from './simService.js';
import { useSimLesson, type State } from './simLesson.js';

describe('dev/devRoutes: the simulator API drives the real bot endpoint', function () {
  this.timeout(60_000);
  let meetingId: string;
  const { sim, ok, act, feed, alerts, lesson, twoStaffThreePupils } = useSimLesson((id) => (meetingId = id));

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
});
