import { strict as assert } from 'node:assert';
import type { FeedEntry } from '../../bot/src/dev/simulator/feed.js';
import { PEOPLE, personPath } from './simService.js';
import { useSimLesson } from './simLesson.js';

describe('dev/devRoutes: the simulator API drives the real bot endpoint', function () {
  this.timeout(60_000);
  let meetingId: string;
  const { sim, ok, act, feed, lesson, twoStaffThreePupils } = useSimLesson((id) => (meetingId = id));

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
