/**
 * Issue 20, end to end through the production composition root: a teacher books a compliant lesson
 * in the tab (`POST /api/bookings`, Graph as the teacher), the senior leader is told, and two days
 * later the lesson runs through Teams' own activities with no setup finding. The control: the same
 * lesson set up an hour before it starts, outside Chaperone, which Chaperone learns when the app is
 * added to its chat (Teams' meeting info, then Graph's creation time) and raises as short notice.
 * Graph is one fake server with two ways in, as the real one: the teacher's delegated `/me/...`
 * calls (fakeGraphBooking) and the app's own (fakeGraph: tokens, meeting options, attendance).
 */
import { strict as assert } from 'node:assert';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { decodeJwt } from 'jose';
import { lessonRaises } from '../../bot/src/app/lessonRoutines/lessonRaises.js';
import { newMeetingIds, personalChatActivities, type ActivityPerson } from '../../bot/src/dev/activities.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { form, NOW, SLT, START, type ApiAnswer } from '../http/tabApi/bookingApi.js';
import { lessonActivities } from '../support/activities.js';
import { postedMessages } from '../support/connectorReads.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startFakeGraph, type FakeGraph, type Json } from '../support/fakeGraph.js';
import { startFakeGraphBooking, type FakeGraphBooking } from '../support/fakeGraphBooking.js';
import { postActivity } from '../support/serviceHarness.js';
import { lessonKey, PEOPLE, SCHOOL_TENANT, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MIN = 60_000;
const { teacherA, teacherB, pupil1, pupil2 } = PEOPLE;
const person = (p: { id: string; teamsId: string; name: string }, role: ActivityPerson['role']): ActivityPerson => ({
  aadObjectId: p.id,
  teamsId: p.teamsId,
  name: p.name,
  role,
});
const organizer = person(teacherA, 'Organizer');
const everyone = [organizer, person(teacherB, 'Presenter'), person(pupil1, 'Attendee'), person(pupil2, 'Attendee')];
const senior = { aadObjectId: SLT, teamsId: '29:slt-1', name: 'Ms Head (FAKE)' };
/** Rules about how a lesson was set up, as opposed to what happens in it. */
const SETUP_RULES = [
  'scheduled-ahead',
  'school-hours',
  'max-duration',
  'staff-pair',
  'no-one-to-one',
  'lobby',
  'meeting-options',
];
const iso = (ms: number) => new Date(ms).toISOString();

/** One Graph origin: the teacher's `/v1.0/me/...` calls go to `delegated`, everything else to `app`. */
async function oneGraph(delegated: string, app: string): Promise<{ url: string; stop(): Promise<void> }> {
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const target = (req.url ?? '').startsWith('/v1.0/me/') ? delegated : app;
      const pass = (names: string[], from: (n: string) => string | null | undefined) =>
        Object.fromEntries(names.flatMap((n) => (from(n) ? [[n, from(n)!]] : [])));
      const headers = pass(['authorization', 'content-type'], (n) => req.headers[n] as string | undefined);
      const body = chunks.length ? Buffer.concat(chunks) : undefined;
      void fetch(`${target}${req.url}`, { method: req.method ?? 'GET', headers, ...(body ? { body } : {}) }).then(
        async (answer) => {
          res.writeHead(
            answer.status,
            pass(['content-type', 'retry-after'], (n) => answer.headers.get(n)),
          );
          res.end(Buffer.from(await answer.arrayBuffer()));
        },
        () => res.destroy(),
      );
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { url, stop: () => new Promise((resolve) => (server.closeAllConnections(), server.close(() => resolve()))) };
}

/** The lesson's onlineMeeting as the app reads it: who organised it, when it was created, who was invited. */
function meetingAsAppReads(meeting: Json, createdAt: number): { organizerId: string; meeting: Json } {
  const identity = (id: string) => ({ identity: { user: { id } } });
  const attendees = [teacherB, pupil1, pupil2].map((p) => ({ role: 'attendee', ...identity(p.id) }));
  const times = { creationDateTime: iso(createdAt), startDateTime: iso(START), endDateTime: iso(START + 20 * MIN) };
  const participants = { organizer: { role: 'presenter', ...identity(teacherA.id) }, attendees };
  return { organizerId: teacherA.id, meeting: { ...meeting, subject: 'Year 5 maths', ...times, participants } };
}

describe('scenarios: a lesson booked in Chaperone runs with no setup finding (issue 20)', function () {
  this.timeout(90_000);
  let now: number;
  let booking: FakeGraphBooking;
  let stopBooking: () => Promise<void>;
  let app: FakeGraph;
  let graph: Awaited<ReturnType<typeof oneGraph>>;
  let teams: RunningFakeConnector;
  let tab: TabTestServer;

  beforeEach(async () => {
    now = NOW;
    ({ fake: booking, stop: stopBooking } = await startFakeGraphBooking());
    app = await startFakeGraph();
    graph = await oneGraph(booking.origin, app.origin);
    teams = await startFakeConnector();
    tab = await startTabTestServer({
      issuer: 'test',
      clock: { now: () => now },
      staffList: { staff: [teacherA.id, teacherB.id, SLT], dsl: [], slt: [SLT] },
      env: {
        ...app.deploymentEnv(SCHOOL_TENANT),
        GRAPH_BASE_URL: `${graph.url}/v1.0`,
        GRAPH_ENFORCE_SETTINGS: 'true',
        // Graph's sign-in moved to the fake; the tab's sign-in tokens still come from Entra's issuer.
        AUTH_ISSUER: 'https://login.microsoftonline.com/{tenantid}/v2.0',
      },
      // The on-behalf-of exchange: a token the fake Graph takes as the teacher the sign-in named.
      delegatedTokens: { forUser: async (sso) => `delegated:${String(decodeJwt(sso).oid)}` },
    });
  });
  afterEach(async () => {
    await tab.close();
    await Promise.all([graph.stop(), app.stop(), stopBooking(), teams.stop()]);
  });

  const send = async (activity: Json) => {
    now = Math.max(now, Date.parse(String(activity.timestamp)));
    assert.equal(await postActivity(tab.base, activity), 200);
  };
  const advanceTo = async (at: number) => {
    now = at;
    await tab.core.tick();
  };
  /** The lesson as Teams runs it: start at the booked time, both staff, the pupils, then "End meeting" for all. */
  const runLesson = async (lesson: ReturnType<typeof lessonActivities>, joinUrl: string) => {
    const start = lesson.start(START, { organizer, title: 'Year 5 maths' });
    await send({ ...start, value: { ...(start.value as Json), JoinUrl: joinUrl } });
    for (const [i, p] of everyone.entries()) await send(lesson.join(p, START + (i < 2 ? 0 : MIN)));
    await advanceTo(START + 2 * MIN);
    await send(lesson.end(START + 19 * MIN, undefined, { organizer, title: 'Year 5 maths' }));
    await advanceTo(START + 20 * MIN);
  };
  const setupRaises = async (meetingId: string) => {
    const record = await tab.meetings.load(lessonKey(meetingId));
    assert.ok(record, 'the lesson is stored');
    return lessonRaises(record).filter((r) => SETUP_RULES.includes(r.ruleId));
  };

  it('books 48 hours ahead, tells the senior leader without pupil names, and the lesson runs with no setup finding', async () => {
    // The senior leader has Chaperone installed: their 1:1 chat is where the booking card goes.
    const chat = { tenantId: SCHOOL_TENANT, serviceUrl: teams.url, conversationId: personalConversationId(SLT) };
    await send(personalChatActivities({ ...chat, person: senior }).installed(NOW));
    const welcomed = postedMessages(teams).length;
    const res = await fetch(`${tab.base}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await tab.token(teacherA)}` },
      body: JSON.stringify({ ...form(), clientRequestId: 'booked-lesson-runs-1' }),
    });
    assert.equal(res.status, 201);
    const booked = ((await res.json()) as ApiAnswer).booking as ApiAnswer['booking'] & { joinUrl: string };

    const known = (await tab.meetings.load(lessonKey(booked.meetingId)))?.state;
    assert.deepEqual(
      [known?.meetingType, known?.createdAt, known?.scheduledStart, known?.organizerId, known?.joinUrl],
      ['Scheduled', NOW, START, teacherA.id, booked.joinUrl],
      'before it starts, Chaperone knows the lesson was scheduled 48 hours ahead, with no Graph lookup',
    );
    const toSenior = postedMessages(teams)
      .slice(welcomed)
      .filter((m) => m.conversation === personalConversationId(SLT));
    assert.deepEqual(
      toSenior.map((m) => m.text),
      ['Lesson booked: Year 5 maths'],
      'one card, in their 1:1 chat',
    );
    assert.match(toSenior[0]!.body, /Pupils invited: 2/);
    assert.doesNotMatch(JSON.stringify(postedMessages(teams)), /pupil\.one|pupil\.two|Pupil One|Pupil Two/);

    // Graph's application permission reads the same meeting, with the options the booking set.
    const [id, { meeting }] = [...booking.meetings].find(([, m]) => m.meeting.joinWebUrl === booked.joinUrl)!;
    app.meetings.set(id, meetingAsAppReads(meeting, NOW));
    const conversationId = String((meeting.chatInfo as Json).threadId);
    const where = { tenantId: SCHOOL_TENANT, meetingId: booked.meetingId, serviceUrl: teams.url, conversationId };
    await runLesson(lessonActivities(where), booked.joinUrl);

    assert.deepEqual(await setupRaises(booked.meetingId), [], 'no Meet-now, short-notice or staffing finding');
    assert.deepEqual(app.graphRequests('PATCH', /onlineMeetings/), [], 'the booking had already set the options');
    const state = (await tab.meetings.load(lessonKey(booked.meetingId)))!.state;
    assert.deepEqual([state.startedAt, state.endedAt, state.createdAt], [START, START + 19 * MIN, NOW]);
  });

  it('control: the same lesson set up an hour before, outside Chaperone, is raised as short notice', async () => {
    const { conversationId, meetingId } = newMeetingIds();
    const joinUrl = 'https://teams.example/l/meetup-join/fake';
    app.meetings.set(
      'control-meeting',
      meetingAsAppReads({ id: 'control-meeting', joinWebUrl: joinUrl }, START - 60 * MIN),
    );
    teams.setMeetingInfo(meetingId, {
      type: 'Scheduled',
      title: 'Year 5 maths',
      organizerAadObjectId: teacherA.id,
      tenantId: SCHOOL_TENANT,
      scheduledStartTime: iso(START),
      scheduledEndTime: iso(START + 20 * MIN),
    });
    const lesson = lessonActivities({ tenantId: SCHOOL_TENANT, meetingId, serviceUrl: teams.url, conversationId });
    await send(lesson.botAdded(START - 5 * MIN, organizer));
    await runLesson(lesson, joinUrl);
    assert.deepEqual(
      (await setupRaises(meetingId)).map((r) => r.key),
      ['scheduled-ahead:short-notice'],
    );
  });
});
