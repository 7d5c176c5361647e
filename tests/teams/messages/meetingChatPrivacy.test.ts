/**
 * Privacy of the lesson chat, through the real service: once the lesson has started (and the
 * code-of-conduct card is posted), an @mention of the bot there, by staff or by a pupil, makes the
 * service post nothing to that chat. Staff get the answer in their 1:1 chat; pupils get nothing.
 */
import { strict as assert } from 'node:assert';
import { personalChatActivities } from '../../../bot/src/dev/activities.js';
import { personalConversationId } from '../../../bot/src/dev/connector/fakeConnector.js';
import { lessonActivities, sampleSchool, type Person } from '../../support/activities.js';
import { postedMessages } from '../../support/connectorReads.js';
import { inLessonChat, MENTION } from '../../support/lessonChat.js';
import { startFakeConnector, type RunningFakeConnector } from '../../support/fakeConnector.js';
import { memoryLogger, postActivity, startTestService } from '../../support/serviceHarness.js';

const school = sampleSchool();
const { teacher, assistant, pupils } = school;
const t0 = Date.parse('2026-01-15T09:00:00Z');
const at = (minutes: number): number => t0 + minutes * 60_000;

describe('teams/messages: the bot says nothing in a lesson chat', function () {
  this.timeout(60_000);
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;
  let lesson: ReturnType<typeof lessonActivities>;
  let meetingId: string;
  let logs: ReturnType<typeof memoryLogger>;

  beforeEach(async () => {
    connector = await startFakeConnector();
    logs = memoryLogger();
    service = await startTestService({ staffList: school.staffList(), logger: logs });
    meetingId = `chat-privacy-${Math.random().toString(36).slice(2)}`;
    lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
  });
  afterEach(async () => {
    await service.stop();
    await connector.stop();
  });

  const send = async (activity: { timestamp?: unknown }): Promise<void> => {
    service.clock.current = Math.max(service.clock.current, Date.parse(String(activity.timestamp)));
    assert.equal(await postActivity(service.url, activity), 200);
  };

  /** `person`'s activities, re-addressed below to the lesson's chat. */
  const chatOf = (person: Person) =>
    personalChatActivities({
      tenantId: school.tenantId,
      serviceUrl: connector.url,
      conversationId: lesson.conversationId,
      person,
    });
  /** `person` types "@Chaperone <text>" in the lesson's meeting chat, as Teams delivers it. */
  const mention = (person: Person, minutes: number, text: string): Record<string, unknown> =>
    inLessonChat(chatOf(person).message(at(minutes), `${MENTION} ${text}`), {
      tenantId: school.tenantId,
      meetingId,
      conversationId: lesson.conversationId,
    });

  /** A lesson under way: its code-of-conduct card is in the chat; returns how many connector requests that took. */
  const lessonUnderWay = async (): Promise<number> => {
    await send(lesson.start(at(0), { organizer: teacher }));
    for (const person of [teacher, assistant, pupils[0]!]) await send(lesson.join(person, at(1)));
    const welcome = postedMessages(connector).filter(
      (m) => m.conversation === lesson.conversationId && /Welcome to the lesson/.test(m.body),
    );
    assert.equal(welcome.length, 1, 'the welcome card is posted at the start');
    return connector.requests.length;
  };
  const toMeetingSince = (mark: number) =>
    connector.requests
      .slice(mark)
      .filter((r) => r.decodedPath.includes(lesson.conversationId) || r.decodedPath.includes(meetingId));
  const toPerson = (person: Person) =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(person.aadObjectId));

  it('answers staff in their 1:1 chat and posts nothing to the lesson chat; a pupil gets no answer anywhere', async () => {
    const mark = await lessonUnderWay();
    await send(mention(teacher, 2, 'policy'));
    await send(mention(assistant, 2, 'concern'));
    assert.equal(toMeetingSince(mark).length, 0, 'nothing sent to the lesson chat or the meeting after the mentions');
    assert.match(
      toPerson(teacher).at(-1)?.text ?? '',
      /Live lesson policy/,
      'the teacher has the answer in their 1:1 chat',
    );
    assert.match(
      toPerson(assistant).at(-1)?.body ?? '',
      /Log a safeguarding concern/,
      'the assistant has the concern form in their 1:1 chat',
    );

    const beforePupil = connector.requests.length;
    const linesBefore = logs.lines.length;
    await send(mention(pupils[0]!, 3, 'help me Amira'));
    const forPupil = connector.requests.slice(beforePupil).map((r) => `${r.method} ${r.decodedPath}`);
    assert.deepEqual(forPupil, [], "no request at all for a pupil's mention");
    assert.equal(toPerson(pupils[0]!).length, 0);
    const logged = logs.lines.slice(linesBefore).filter((l) => /not answered/.test(l.msg ?? ''));
    assert.equal(logged.length, 1, 'logged once');
    assert.ok(!JSON.stringify(logs.lines.slice(linesBefore)).match(/Amira|help me/), 'no name or words in the log');
  });

  it("posts nothing to the lesson chat when the staff member's 1:1 chat cannot be reached either", async () => {
    const mark = await lessonUnderWay();
    connector.failNext(4, 403);
    await send(mention(teacher, 2, 'policy'));
    assert.equal(toMeetingSince(mark).length, 0);
    assert.ok(
      logs.lines.some((l) => l.msg === 'chat turn failed'),
      'the failure is logged',
    );
  });

  it('answers a button pressed in a lesson chat in the 1:1 chat, without changing the card for everyone', async () => {
    const mark = await lessonUnderWay();
    const press = (person: Person) => ({
      ...chatOf(person).execute(at(2), 'concern', { meetingId, meetingTitle: 'Year 5 maths' }),
      conversation: {
        id: lesson.conversationId,
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: school.tenantId,
      },
      channelData: { tenant: { id: school.tenantId }, meeting: { id: meetingId } },
    });
    const post = (activity: object) =>
      fetch(`${service.url}/api/messages`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json' },
        body: JSON.stringify(activity),
      });
    const response = await post(press(teacher));
    const body = (await response.json()) as { type?: string; value?: unknown };
    assert.equal(body.type, 'application/vnd.microsoft.activity.message', 'the card in the chat stays as it is');
    assert.match(toPerson(teacher).at(-1)?.body ?? '', /Log a safeguarding concern/);
    const beforePupil = connector.requests.length;
    await (await post(press(pupils[0]!))).text();
    assert.equal(connector.requests.length, beforePupil, "nothing sent anywhere for a pupil's press");
    assert.equal(toMeetingSince(mark).length, 0);
  });
});
