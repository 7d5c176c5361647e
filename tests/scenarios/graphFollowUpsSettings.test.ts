import { strict as assert } from 'node:assert';
import { personalChatActivities } from '../../bot/src/dev/activities.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { lessonActivities } from '../support/activities.js';
import { notifications, postedMessages } from '../support/connectorReads.js';
import { startFakeConnector } from '../support/fakeConnector.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';
import { assistant, at, pupils, school, teacher, useGraphFollowUpLesson } from './graphFollowUpsLesson.js';

describe('scenarios: Graph follow-ups (invitees, "Meet now", check, settings audit, attendance)', function () {
  this.timeout(60_000);
  const { run, send, startWithGraph, toTeacher } = useGraphFollowUpLesson();

  it('issue 7 "every change is logged in the meeting\'s partition": the lobby change at start is recorded with before, after and by whom', async () => {
    await startWithGraph();
    const events = await run.service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId: run.meetingId });
    const changed = events.filter((e) => e.kind === 'meetingSettingsChanged');
    assert.equal(changed.length, 1);
    assert.ok(changed[0]!.kind === 'meetingSettingsChanged');
    assert.deepEqual(changed[0]!.changes, [
      { setting: 'lobbyScope', before: 'Everyone', after: 'Only organizers and co-organizers' },
    ]);
    assert.match(changed[0]!.by, /Chaperone/);
  });

  it('issue 7 "check <meeting>": a teacher who opened the lobby again types "check" in the lesson chat and is told privately what Chaperone would change; nothing is changed', async () => {
    await startWithGraph();
    await send(run.lesson.join(teacher, at(0)));
    run.graph.meetings.get('graph-meeting-1')!.meeting.lobbyBypassSettings = {
      scope: 'everyone',
      isDialInBypassEnabled: true,
    };
    run.graph.requests.length = 0;
    const chat = personalChatActivities({
      tenantId: school.tenantId,
      serviceUrl: run.connector.url,
      conversationId: run.lesson.conversationId,
      person: teacher,
    });
    const inLessonChat: Record<string, unknown> = {
      ...chat.message(at(2), 'check'),
      conversation: {
        id: run.lesson.conversationId,
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: school.tenantId,
      },
      channelData: { tenant: { id: school.tenantId }, meeting: { id: run.meetingId } },
    };
    await send(inLessonChat);
    const card = toTeacher().filter((m) => /Meeting options check/.test(m.text));
    assert.equal(card.length, 1);
    assert.match(card[0]!.body, /Who can bypass the lobby: Everyone -> Only organizers and co-organizers/);
    assert.match(card[0]!.body, /People dialing in can bypass the lobby: On -> Off/);
    assert.equal(run.graph.graphRequests('PATCH', /onlineMeetings\//).length, 0, 'a dry run changes nothing');
    const inChat = postedMessages(run.connector).filter((m) => m.conversation === run.lesson.conversationId);
    assert.ok(
      inChat.every((m) => !/bypass the lobby/.test(m.body)),
      'the answer never lands where pupils read',
    );
  });

  it('seed 002 line 18 (invitee check): a pupil who was not invited is a finding for the staff present; invited pupils are not', async () => {
    await startWithGraph([assistant.aadObjectId, pupils[0]!.aadObjectId]);
    await send(run.lesson.join(teacher, at(0)));
    await send(run.lesson.join(assistant, at(0)));
    await send(run.lesson.join(pupils[0]!, at(1)));
    await send(run.lesson.join(pupils[1]!, at(1)));
    const lobby = notifications(run.connector).filter((n) => n.rule === 'lobby');
    assert.equal(lobby.length, 1, 'only the uninvited pupil');
    assert.deepEqual(lobby[0]!.recipients.sort(), [teacher.teamsId, assistant.teamsId].sort());
  });

  it('issue 7 "Scheduling rules": the app added to a "Meet now" call tells the organizer at once (no meeting events ever come)', async () => {
    run.connector.setMeetingInfo(run.meetingId, {
      type: 'MeetNow',
      title: 'Quick catch-up',
      organizerAadObjectId: teacher.aadObjectId,
      tenantId: school.tenantId,
    });
    await send(run.lesson.botAdded(at(0), teacher));
    const told = toTeacher().filter((m) => /Meet now/.test(m.text));
    assert.equal(told.length, 1, 'organizer and adder are the same person: told once');
    assert.match(told[0]!.body, /schedule the lesson in your Outlook or Teams calendar/);
    const state = (await run.service.core.meetings.load({ tenantId: school.tenantId, meetingId: run.meetingId }))!
      .state;
    assert.equal(state.meetingType, 'MeetNow');
    assert.equal(state.organizerId, teacher.aadObjectId);
  });
});

describe('scenarios: Graph follow-ups without Graph (GRAPH_ENFORCE_SETTINGS=false)', function () {
  this.timeout(30_000);

  it('issue 7: "check last" says plainly that Graph is off and gives the steps to take by hand', async () => {
    const connector = await startFakeConnector();
    const service = await startTestService({ staffList: school.staffList() });
    try {
      const meetingId = `no-graph-${Math.random().toString(36).slice(2)}`;
      const lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
      assert.equal(await postActivity(service.url, lesson.start(at(0), { organizer: teacher })), 200);
      const chat = personalChatActivities({
        tenantId: school.tenantId,
        serviceUrl: connector.url,
        conversationId: personalConversationId(teacher.aadObjectId),
        person: teacher,
      });
      assert.equal(await postActivity(service.url, chat.message(at(1), 'check last')), 200);
      const reply = postedMessages(connector).filter((m) => /Meeting options check/.test(m.text));
      assert.equal(reply.length, 1);
      assert.match(reply[0]!.body, /not connected to Microsoft Graph/);
      assert.match(reply[0]!.body, /Meeting options, set: Who can bypass the lobby: Only organizers and co-organizers/);
    } finally {
      await service.stop();
      await connector.stop();
    }
  });
});
