import { strict as assert } from 'node:assert';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { lessonActivities, sampleSchool } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startFakeGraph, type FakeGraph } from '../support/fakeGraph.js';
import { postActivity, startTestService } from '../support/serviceHarness.js';

/** The school of the Graph follow-up scenarios. */
export const school = sampleSchool();
/** The school's people: the organizer, a second adult and the pupils. */
export const { teacher, assistant, pupils } = school;
const MIN = 60_000;
const t0 = Date.parse('2026-01-15T09:00:00Z');
/** Minute `minutes` of the lesson, in ms. */
export const at = (minutes: number): number => t0 + minutes * MIN;

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

/**
 * A lesson for each test of the enclosing `describe`, with Graph connected and enforcing the policy's meeting
 * settings: the fake Graph, the fake Teams connector, the service and the lesson's activities, in `run`.
 */
export function useGraphFollowUpLesson() {
  const run = {} as {
    graph: FakeGraph;
    connector: RunningFakeConnector;
    service: Awaited<ReturnType<typeof startTestService>>;
    meetingId: string;
    lesson: ReturnType<typeof lessonActivities>;
  };

  beforeEach(async () => {
    run.graph = await startFakeGraph();
    run.connector = await startFakeConnector();
    run.service = await startTestService({
      staffList: school.staffList(),
      env: { GRAPH_ENFORCE_SETTINGS: 'true', ...run.graph.deploymentEnv(school.tenantId) },
    });
    run.meetingId = `graph-follow-up-${Math.random().toString(36).slice(2)}`;
    run.lesson = lessonActivities({
      tenantId: school.tenantId,
      meetingId: run.meetingId,
      serviceUrl: run.connector.url,
    });
  });
  afterEach(async () => {
    await run.service.stop();
    await run.connector.stop();
    await run.graph.stop();
  });

  /** Posts an activity, first moving the clock to its time. */
  const send = async (activity: { timestamp?: unknown }): Promise<void> => {
    run.service.clock.current = Math.max(run.service.clock.current, Date.parse(String(activity.timestamp)));
    assert.equal(await postActivity(run.service.url, activity), 200);
  };
  /** Starts the lesson, whose meeting Graph has open in every way the policy forbids. */
  const startWithGraph = async (attendees: string[] = [assistant.aadObjectId, ...pupils.map((p) => p.aadObjectId)]) => {
    const start = run.lesson.start(at(0), { organizer: teacher });
    run.graph.meetings.set('graph-meeting-1', {
      organizerId: teacher.aadObjectId,
      meeting: openMeeting((start.value as { JoinUrl: string }).JoinUrl, attendees),
    });
    await send(start);
  };
  /** What the bot posted in the teacher's 1:1 chat. */
  const toTeacher = () =>
    postedMessages(run.connector).filter((m) => m.conversation === personalConversationId(teacher.aadObjectId));

  return { run, send, startWithGraph, toTeacher };
}
