/**
 * `book` through the real service (no `TEAMS_APP_ID`, as a school that has not set it): staff get a
 * card that says where the booking form is instead of a link that would not open; asked in a lesson
 * chat, the service posts nothing there and tells the member of staff, in their 1:1 chat, that
 * booking is done there; pupils and guests are refused like every staff command.
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
const { teacher, pupils } = school;
/** Someone from another organisation, signed in to the school's Teams as a guest. */
const guest: Person = {
  aadObjectId: '00000000-0000-4000-8000-0000000000e1',
  teamsId: '29:1fake-e1',
  name: 'Visitor (FAKE)',
  role: 'Guest',
  tenantId: '00000000-0000-4000-8000-00000000e0e0',
};
const t0 = Date.parse('2026-01-15T09:00:00Z');

describe('teams/messages: "book" through the real service', function () {
  this.timeout(60_000);
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;

  beforeEach(async () => {
    connector = await startFakeConnector();
    service = await startTestService({ staffList: school.staffList(), logger: memoryLogger() });
  });
  afterEach(async () => {
    await service.stop();
    await connector.stop();
  });

  const chatOf = (person: Person) =>
    personalChatActivities({
      tenantId: school.tenantId,
      serviceUrl: connector.url,
      conversationId: personalConversationId(person.aadObjectId),
      person,
    });
  const send = async (activity: object) => assert.equal(await postActivity(service.url, activity), 200);
  const toPerson = (person: Person) =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(person.aadObjectId));

  it('with TEAMS_APP_ID (as deployed) the card opens the personal tab on "Book a lesson"', async () => {
    const appId = '3f2a1b4c-5d6e-4f70-8a9b-0c1d2e3f4a5b';
    const deployed = await startTestService({
      staffList: school.staffList(),
      logger: memoryLogger(),
      env: { TEAMS_APP_ID: appId },
    });
    try {
      assert.equal(await postActivity(deployed.url, chatOf(teacher).message(t0, 'book')), 200);
      const [reply] = toPerson(teacher);
      const { attachments } = JSON.parse(reply!.body) as {
        attachments: Array<{ content: { actions?: Array<{ type: string; url?: string }> } }>;
      };
      const link = new URL(attachments[0]!.content.actions?.find((a) => a.type === 'Action.OpenUrl')?.url ?? '');
      assert.equal(link.pathname, `/l/entity/${appId}/school`);
      assert.deepEqual(JSON.parse(link.searchParams.get('context') ?? '{}'), { subEntityId: 'book' });
    } finally {
      await deployed.stop();
    }
  });

  it('without TEAMS_APP_ID the card says how to find the form in Chaperone, with no link', async () => {
    await send(chatOf(teacher).message(t0, 'book'));
    const [reply] = toPerson(teacher);
    assert.equal(reply?.text, 'Book a lesson');
    const { attachments } = JSON.parse(reply.body) as { attachments: Array<{ content: Record<string, unknown> }> };
    const card = attachments[0]!.content;
    assert.match(JSON.stringify(card.body), /open \*\*Chaperone\*\*, then its \*\*Safeguarding\*\* tab/);
    assert.match(JSON.stringify(card.body), /under \*\*Book a lesson\*\*/);
    assert.equal(card.actions, undefined, 'no button that could not open');
    assert.doesNotMatch(reply.body, /teams\.microsoft\.com\/l\/entity/);
  });

  it('asked in a lesson chat, answers in the 1:1 chat that booking is done there, and posts nothing in the lesson', async () => {
    const meetingId = `book-chat-${Math.random().toString(36).slice(2)}`;
    const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
    const askInLessonChat = (person: Person, at: number): Record<string, unknown> =>
      inLessonChat(chatOf(person).message(at, `${MENTION} book`), {
        tenantId: school.tenantId,
        meetingId,
        conversationId: lesson.conversationId,
      });
    await send(lesson.start(t0, { organizer: teacher }));
    const mark = connector.requests.length;
    const before = toPerson(teacher).length;
    await send(askInLessonChat(teacher, t0 + 60_000));
    await send(askInLessonChat(pupils[0]!, t0 + 60_000));
    const toLesson = connector.requests
      .slice(mark)
      .filter((r) => r.decodedPath.includes(lesson.conversationId) || r.decodedPath.includes(meetingId));
    assert.deepEqual(toLesson, [], 'nothing posted where pupils read');
    const answers = toPerson(teacher).slice(before);
    assert.equal(answers.length, 1);
    assert.match(answers[0]!.text, /booked from our 1:1 chat.*Type "book" here/);
    assert.doesNotMatch(answers[0]!.body, /attachments/, 'no form from a lesson chat');
    assert.equal(toPerson(pupils[0]!).length, 0, "the pupil's mention is answered nowhere");
  });

  it('refuses a pupil and a guest in their 1:1 chats as every staff command does', async () => {
    for (const person of [pupils[0]!, guest]) {
      await send(chatOf(person).message(t0, 'book'));
      const replies = toPerson(person);
      assert.equal(replies.length, 1);
      assert.match(replies[0]!.text, /nothing here for you to do/);
      assert.doesNotMatch(replies[0]!.body, /Book a lesson|attachments/);
    }
  });
});
