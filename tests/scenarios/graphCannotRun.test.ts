import { strict as assert } from 'node:assert';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();
const { teacher, pupils } = school;
const t0 = Date.parse('2026-01-15T09:00:00Z');

describe("scenarios: when Graph cannot check a lesson's meeting options, the organizer is told once, in one line", function () {
  this.timeout(60_000);
  let graph: FakeGraph;
  let connector: RunningFakeConnector;
  let lesson: ReturnType<typeof lessonActivities>;

  beforeEach(async () => {
    graph = await startFakeGraph();
    connector = await startFakeConnector();
    lesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: `graph-cannot-run-${Math.random().toString(36).slice(2)}`,
      serviceUrl: connector.url,
    });
  });
  afterEach(async () => {
    await connector.stop();
    await graph.stop();
  });

  /**
   * Runs a lesson start, a redelivery of it and two joins (the invitee check reads the meeting again); returns what
   * reached the teacher.
   */
  async function startLesson(env: Record<string, string>) {
    const service = await startTestService({ staffList: school.staffList(), env });
    let health: { status: number; meetingSettings?: string };
    try {
      const start = lesson.start(t0, { organizer: teacher });
      graph.meetings.set('graph-meeting-1', {
        organizerId: teacher.aadObjectId,
        meeting: {
          id: 'graph-meeting-1',
          joinWebUrl: (start.value as { JoinUrl: string }).JoinUrl,
          subject: 'Year 5 maths',
          lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: true },
          allowedPresenters: 'everyone',
          allowAttendeeToEnableMic: true,
          participants: {
            organizer: { role: 'presenter', identity: { user: { id: teacher.aadObjectId } } },
            attendees: [],
          },
        },
      });
      for (const activity of [start, start, lesson.join(teacher, t0 + 1_000), lesson.join(pupils[0]!, t0 + 2_000)]) {
        assert.equal(await postActivity(service.url, activity), 200);
      }
      const answer = await fetch(`${service.url}/healthz`);
      health = {
        status: answer.status,
        meetingSettings: ((await answer.json()) as { checks: Record<string, string> }).checks.meetingSettings,
      };
    } finally {
      await service.stop();
    }
    const toTeacher = postedMessages(connector).filter(
      (m) => m.conversation === personalConversationId(teacher.aadObjectId),
    );
    const inLessonChat = postedMessages(connector).filter((m) => m.conversation === lesson.conversationId);
    assert.ok(
      inLessonChat.every((m) => !/Meeting options|Graph|IT /.test(m.body)),
      'never where pupils read',
    );
    return { health, toTeacher, notChecked: toTeacher.filter((m) => /set the meeting options yourself/.test(m.body)) };
  }

  const enforcing = () => ({ GRAPH_ENFORCE_SETTINGS: 'true', ...graph.deploymentEnv(school.tenantId) });

  it('issue 16 item 6: without the application permission (403) the organizer gets one line naming OnlineMeetings.ReadWrite.All and the settings to set now', async () => {
    graph.meetingAccess = { permission: false, accessPolicyFor: 'everyone' };
    const { health, toTeacher, notChecked } = await startLesson(enforcing());
    assert.deepEqual(health, {
      status: 503,
      meetingSettings: 'Graph refused (403): application permission OnlineMeetings.ReadWrite.All missing',
    });
    assert.equal(
      notChecked.length,
      1,
      'once per lesson, although the redelivered start and the joins read the meeting again',
    );
    assert.match(
      notChecked[0]!.body,
      /Chaperone could not check this lesson's lobby and presenter settings\. Open Meeting options now and set /,
    );
    assert.match(notChecked[0]!.body, /set Who can bypass the lobby: Only organizers and co-organizers/);
    assert.match(
      notChecked[0]!.body,
      /Ask IT to give Chaperone the Microsoft Graph application permission OnlineMeetings\.ReadWrite\.All\./,
    );
    assert.equal(
      toTeacher.length,
      2,
      'the session checklist and this one card: no separate admin and manual-steps cards',
    );
    assert.ok(
      graph.graphRequests('GET', /onlineMeetings$/).length >= 2,
      'Graph was asked again on joins, and the teacher was not told again',
    );
  });

  it('issue 16 item 6: without an application access policy for the organizer the line asks IT for the policy', async () => {
    graph.meetingAccess = { permission: true, accessPolicyFor: new Set(['someone-else']) };
    const { health, toTeacher, notChecked } = await startLesson(enforcing());
    assert.deepEqual(health, {
      status: 503,
      meetingSettings: 'Graph refused: no application access policy for 1 organizer (Grant-CsApplicationAccessPolicy)',
    });
    assert.equal(notChecked.length, 1);
    assert.match(
      notChecked[0]!.body,
      /Ask IT to grant Chaperone's Teams application access policy to you \(Grant-CsApplicationAccessPolicy\)\./,
    );
    assert.doesNotMatch(notChecked[0]!.body, /OnlineMeetings\.ReadWrite\.All/);
    assert.equal(toTeacher.length, 2);
  });

  it('issue 16 item 6: Graph failing (503 after the retries) gives the same one line, with no request to IT unless it happens again', async () => {
    graph.script(
      'GET',
      /onlineMeetings$/,
      ...Array.from({ length: 4 }, () => ({ status: 503, headers: { 'retry-after': '0' } })),
    );
    const { notChecked } = await startLesson(enforcing());
    assert.equal(notChecked.length, 1);
    assert.match(
      notChecked[0]!.body,
      /could not check this lesson's lobby and presenter settings.*Microsoft Teams did not answer Chaperone; tell IT if this happens again\./,
    );
  });

  it("issue 16 item 6: with GRAPH_ENFORCE_SETTINGS off (the school's choice) the start card carries one reminder line and nothing else is sent", async () => {
    const { health, toTeacher, notChecked } = await startLesson({});
    assert.deepEqual(health, {
      status: 200,
      meetingSettings: 'off (GRAPH_ENFORCE_SETTINGS=false): lesson meeting options are not checked',
    });
    assert.equal(notChecked.length, 0);
    assert.equal(toTeacher.length, 1, 'only the start card');
    assert.match(toTeacher[0]!.body, /Session checklist/);
    assert.match(
      toTeacher[0]!.body,
      /Chaperone does not check meeting options at this school, so check the lobby and who can present in Meeting options yourself\./,
    );
    assert.equal(graph.requests.length, 0, 'Graph is not asked');
  });
});
