import { strict as assert } from 'node:assert';
import { personalChatActivities } from '../../bot/src/dev/activities.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { notifications, postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const { teacher, assistant, pupils } = school;
const MIN = 60_000;
const t0 = Date.parse('2026-01-15T09:00:00Z');
const at = (minutes: number): number => t0 + minutes * MIN;

/** An onlineMeeting as Graph documents it, open in every way the policy forbids. */
function openMeeting(joinWebUrl: string, attendees: string[]) {
  return {
    id: 'graph-meeting-1',
    joinWebUrl,
    subject: 'Year 5 maths',
    creationDateTime: '2026-01-10T09:00:00Z',
    startDateTime: '2026-01-15T09:00:00Z',
    endDateTime: '2026-01-15T09:20:00Z',
    lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: false },
    allowedPresenters: 'organizer',
    allowAttendeeToEnableMic: false,
    allowAttendeeToEnableCamera: true,
    allowMeetingChat: 'enabled',
    recordAutomatically: false,
    participants: {
      organizer: { role: 'presenter', identity: { user: { id: teacher.aadObjectId } } },
      attendees: attendees.map((id) => ({ role: 'attendee', identity: { user: { id } } })),
    },
  };
}

describe('scenarios: Graph follow-ups (invitees, "Meet now", check, settings audit, attendance)', function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  let connector: RunningFakeConnector;
  let service: Awaited<ReturnType<typeof startTestService>>;
  let meetingId: string;
  let lesson: ReturnType<typeof lessonActivities>;

  beforeEach(async () => {
    graph = await startFakeGraph();
    connector = await startFakeConnector();
    service = await startTestService({
      staffList: school.staffList(),
      env: { GRAPH_ENFORCE_SETTINGS: 'true', ...graph.deploymentEnv(school.tenantId) },
    });
    meetingId = `graph-follow-up-${Math.random().toString(36).slice(2)}`;
    lesson = lessonActivities({ tenantId: school.tenantId, meetingId, serviceUrl: connector.url });
  });
  afterEach(async () => {
    await service.stop();
    await connector.stop();
    await graph.stop();
  });

  const send = async (activity: { timestamp?: unknown }): Promise<void> => {
    service.clock.current = Math.max(service.clock.current, Date.parse(String(activity.timestamp)));
    assert.equal(await postActivity(service.url, activity), 200);
  };
  const startWithGraph = async (attendees: string[] = [assistant.aadObjectId, ...pupils.map((p) => p.aadObjectId)]) => {
    const start = lesson.start(at(0), { organizer: teacher });
    graph.meetings.set('graph-meeting-1', {
      organizerId: teacher.aadObjectId,
      meeting: openMeeting((start.value as { JoinUrl: string }).JoinUrl, attendees),
    });
    await send(start);
  };
  const toTeacher = () =>
    postedMessages(connector).filter((m) => m.conversation === personalConversationId(teacher.aadObjectId));

  it('issue 7 "every change is logged in the meeting\'s partition": the lobby change at start is recorded with before, after and by whom', async () => {
    await startWithGraph();
    const events = await service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId });
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
    await send(lesson.join(teacher, at(0)));
    graph.meetings.get('graph-meeting-1')!.meeting.lobbyBypassSettings = {
      scope: 'everyone',
      isDialInBypassEnabled: true,
    };
    graph.requests.length = 0;
    const chat = personalChatActivities({
      tenantId: school.tenantId,
      serviceUrl: connector.url,
      conversationId: lesson.conversationId,
      person: teacher,
    });
    const inLessonChat: Record<string, unknown> = {
      ...chat.message(at(2), 'check'),
      conversation: {
        id: lesson.conversationId,
        conversationType: 'groupChat',
        isGroup: true,
        tenantId: school.tenantId,
      },
      channelData: { tenant: { id: school.tenantId }, meeting: { id: meetingId } },
    };
    await send(inLessonChat);
    const card = toTeacher().filter((m) => /Meeting options check/.test(m.text));
    assert.equal(card.length, 1);
    assert.match(card[0]!.body, /Who can bypass the lobby: Everyone -> Only organizers and co-organizers/);
    assert.match(card[0]!.body, /People dialing in can bypass the lobby: On -> Off/);
    assert.equal(graph.graphRequests('PATCH', /onlineMeetings\//).length, 0, 'a dry run changes nothing');
    const inChat = postedMessages(connector).filter((m) => m.conversation === lesson.conversationId);
    assert.ok(
      inChat.every((m) => !/bypass the lobby/.test(m.body)),
      'the answer never lands where pupils read',
    );
  });

  it('seed 002 line 18 (invitee check): a pupil who was not invited is a finding for the staff present; invited pupils are not', async () => {
    await startWithGraph([assistant.aadObjectId, pupils[0]!.aadObjectId]);
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(assistant, at(0)));
    await send(lesson.join(pupils[0]!, at(1)));
    await send(lesson.join(pupils[1]!, at(1)));
    const lobby = notifications(connector).filter((n) => n.rule === 'lobby');
    assert.equal(lobby.length, 1, 'only the uninvited pupil');
    assert.deepEqual(lobby[0]!.recipients.sort(), [teacher.teamsId, assistant.teamsId].sort());
  });

  it('issue 7 "Attendance report": after the end, Teams\' report is merged into the organizer\'s summary and the merge is recorded', async () => {
    await startWithGraph();
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(assistant, at(0)));
    await send(lesson.join(pupils[0]!, at(1)));
    const record = (id: string, name: string, join: string, leave: string) => ({
      emailAddress: null,
      role: 'Attendee',
      totalAttendanceInSeconds: 60,
      identity: { id, displayName: name },
      attendanceIntervals: [{ joinDateTime: join, leaveDateTime: leave, durationInSeconds: 60 }],
    });
    graph.reports.set('graph-meeting-1', [
      {
        id: 'report-1',
        totalParticipantCount: 2,
        meetingStartDateTime: '2026-01-15T09:00:00Z',
        meetingEndDateTime: '2026-01-15T09:15:00Z',
        attendanceRecords: [
          record(pupils[0]!.aadObjectId, pupils[0]!.name, '2026-01-15T09:01:00Z', '2026-01-15T09:15:00Z'),
          record(pupils[2]!.aadObjectId, pupils[2]!.name, '2026-01-15T09:03:00Z', '2026-01-15T09:09:00Z'),
        ],
      },
    ]);
    await send(lesson.end(at(15)));
    const summary = toTeacher().filter((m) => /Summary of/.test(m.text));
    assert.equal(summary.length, 1);
    assert.match(summary[0]!.body, /Chloe \(FAKE\) \(seen only by Teams\): 09:03 GMT to 09:09 GMT, 6 min/);
    assert.match(summary[0]!.body, /Teams' own attendance report/);
    const merged = (await service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId })).filter(
      (e) => e.kind === 'attendanceMerged',
    );
    assert.ok(merged.length === 1 && merged[0]!.kind === 'attendanceMerged' && merged[0]!.source === 'teams');
  });

  const advanceTo = async (ms: number): Promise<void> => {
    service.clock.current = ms;
    await service.core.tick();
  };
  const attendanceRecord = (id: string, name: string, join: string, leave: string) => ({
    emailAddress: null,
    role: 'Attendee',
    totalAttendanceInSeconds: 60,
    identity: { id, displayName: name },
    attendanceIntervals: [{ joinDateTime: join, leaveDateTime: leave, durationInSeconds: 60 }],
  });
  const followUps = () => toTeacher().filter((m) => /Attendance report for/.test(m.text));

  it('issue 7 "reports exist only after a session ends": a report not ready at the end is looked for again, merged once when it appears, and the organizer told once what it added', async () => {
    await startWithGraph();
    await send(lesson.join(teacher, at(0)));
    await send(lesson.join(pupils[0]!, at(1)));
    await send(lesson.leave(pupils[0]!, at(14)));
    await send(lesson.end(at(15)));
    const summary = toTeacher().filter((m) => /Summary of/.test(m.text));
    assert.equal(summary.length, 1);
    assert.match(summary[0]!.body, /not ready yet.*look for it again/);
    const reportReads = () => graph.graphRequests('GET', /attendanceReports$/).length;
    const readsAtEnd = reportReads();
    await advanceTo(at(19));
    assert.equal(reportReads(), readsAtEnd, 'not before the first retry');
    await advanceTo(at(21));
    assert.equal(reportReads(), readsAtEnd + 1, 'first retry at +5 min: still not ready');
    assert.equal(followUps().length, 0);
    graph.reports.set('graph-meeting-1', [
      {
        id: 'report-1',
        totalParticipantCount: 2,
        meetingStartDateTime: '2026-01-15T09:00:00Z',
        meetingEndDateTime: '2026-01-15T09:15:00Z',
        attendanceRecords: [
          attendanceRecord(pupils[0]!.aadObjectId, pupils[0]!.name, '2026-01-15T09:01:00Z', '2026-01-15T09:14:00Z'),
          attendanceRecord(pupils[2]!.aadObjectId, pupils[2]!.name, '2026-01-15T09:03:00Z', '2026-01-15T09:09:00Z'),
        ],
      },
    ]);
    await advanceTo(at(31));
    await advanceTo(at(61));
    await advanceTo(at(120));
    assert.equal(reportReads(), readsAtEnd + 2, 'no look after the report was merged');
    const merged = (await service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId })).filter(
      (e) => e.kind === 'attendanceMerged',
    );
    assert.deepEqual(
      merged.map((e) => e.kind === 'attendanceMerged' && e.source),
      ['bot', 'teams'],
    );
    assert.equal(followUps().length, 1);
    assert.match(followUps()[0]!.body, /Chloe \(FAKE\) \(seen only by Teams\): 6 min present/);
    assert.doesNotMatch(followUps()[0]!.body, /Amira/, 'a pupil Chaperone counted in full is not repeated');
  });

  it('issue 7 "reports exist only after a session ends": a report that never appears is looked for three times, then the organizer gets one note', async () => {
    await startWithGraph();
    await send(lesson.join(teacher, at(0)));
    await send(lesson.end(at(15)));
    const readsAtEnd = graph.graphRequests('GET', /attendanceReports$/).length;
    for (const minute of [21, 31, 61, 120, 240]) await advanceTo(at(minute));
    assert.equal(graph.graphRequests('GET', /attendanceReports$/).length, readsAtEnd + 3);
    assert.equal(followUps().length, 1);
    assert.match(followUps()[0]!.body, /stopped looking for it/);
    const merged = (await service.core.meetings.listEvents({ tenantId: school.tenantId, meetingId })).filter(
      (e) => e.kind === 'attendanceMerged',
    );
    assert.equal(merged.length, 1, 'only the register closed at the end');
  });

  it('issue 7 "Scheduling rules": the app added to a "Meet now" call tells the organizer at once (no meeting events ever come)', async () => {
    connector.setMeetingInfo(meetingId, {
      type: 'MeetNow',
      title: 'Quick catch-up',
      organizerAadObjectId: teacher.aadObjectId,
      tenantId: school.tenantId,
    });
    await send(lesson.botAdded(at(0), teacher));
    const told = toTeacher().filter((m) => /Meet now/.test(m.text));
    assert.equal(told.length, 1, 'organizer and adder are the same person: told once');
    assert.match(told[0]!.body, /schedule the lesson in your Outlook or Teams calendar/);
    const state = (await service.core.meetings.load({ tenantId: school.tenantId, meetingId }))!.state;
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
