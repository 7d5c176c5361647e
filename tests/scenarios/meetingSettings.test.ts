import { strict as assert } from 'node:assert';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

const school = sampleSchool();

describe('scenarios: lesson settings made compliant at start (Graph)', function () {
  this.timeout(30_000);
  let graph: FakeGraph;
  let connector: RunningFakeConnector;
  before(async () => {
    graph = await startFakeGraph();
    connector = await startFakeConnector();
  });
  after(async () => {
    await graph.stop();
    await connector.stop();
  });

  it('seed 002 line 18, seed 003 bullet 12, seed 004 lines 31 and 53: an open meeting is locked down at start and the organizer is told what changed', async () => {
    const lesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: 'lesson-graph-1',
      serviceUrl: connector.url,
    });
    const start = lesson.start(Date.parse('2026-01-15T09:00:00Z'), { organizer: school.teacher });
    graph.meetings.set('graph-meeting-1', {
      organizerId: school.teacher.aadObjectId,
      meeting: {
        id: 'graph-meeting-1',
        joinWebUrl: (start.value as { JoinUrl: string }).JoinUrl,
        subject: 'Year 5 maths',
        creationDateTime: '2026-01-10T09:00:00Z',
        startDateTime: '2026-01-15T09:00:00Z',
        endDateTime: '2026-01-15T09:20:00Z',
        lobbyBypassSettings: { scope: 'everyone', isDialInBypassEnabled: true },
        allowedPresenters: 'everyone',
        allowAttendeeToEnableMic: true,
        allowAttendeeToEnableCamera: true,
        allowMeetingChat: 'enabled',
        recordAutomatically: false,
        participants: {
          organizer: { role: 'presenter', identity: { user: { id: school.teacher.aadObjectId } } },
          attendees: [],
        },
      },
    });
    const service = await startTestService({
      staffList: school.staffList(),
      env: { GRAPH_ENFORCE_SETTINGS: 'true', ...graph.deploymentEnv(school.tenantId) },
    });
    try {
      assert.equal(await postActivity(service.url, start), 200);
      const patches = graph.graphRequests('PATCH', /onlineMeetings\//);
      assert.equal(patches.length, 1);
      assert.deepEqual((patches[0]!.body as { lobbyBypassSettings: unknown }).lobbyBypassSettings, {
        scope: 'organizer',
        isDialInBypassEnabled: false,
      });
      const toOrganizer = postedMessages(connector).filter((m) => /made .* safer/.test(m.text));
      assert.equal(toOrganizer.length, 1);
      assert.match(toOrganizer[0]!.body, /bypass the lobby/i);
      assert.doesNotMatch(toOrganizer[0]!.body, /seed \d/, 'plain words, no policy citations');
      const toTeacher = postedMessages(connector).filter(
        (m) => m.conversation === personalConversationId(school.teacher.aadObjectId),
      );
      assert.equal(toTeacher.length, 2, 'the session checklist and one card of what changed, not a second copy of it');
      // A redelivered start changes nothing more.
      graph.requests.length = 0;
      assert.equal(
        await postActivity(
          service.url,
          lesson.start(Date.parse('2026-01-15T09:01:00Z'), { id: 'second-start', organizer: school.teacher }),
        ),
        200,
      );
      assert.equal(graph.graphRequests('PATCH', /onlineMeetings\//).length, 0, 'already compliant: nothing patched');
    } finally {
      await service.stop();
    }
  });
});
