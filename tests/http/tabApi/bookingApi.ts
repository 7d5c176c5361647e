/**
 * The booking routes on the real service (its composition root, Azurite, the test sign-in issuer),
 * registered in the test as the composition root will, with the delegated Graph calendar talking to
 * the local fake Graph, bookings kept in memory and the senior leaders' cards recorded.
 */
import sinon from 'sinon';
import { GraphLessonCalendar } from '../../../bot/src/graph/delegated/graphLessonCalendar.js';
import { registerBookingRoutes } from '../../../bot/src/http/tabApi/bookingRoutes.js';
import { verifierFor } from '../../../bot/src/http/tabApiRoutes.js';
import { InMemoryBookings } from '../../app/booking/fakes.js';
import { startFakeGraphBooking, type FakeGraphBooking } from '../../support/fakeGraphBooking.js';
import { cardsTo } from '../../support/lessonCardsFake.js';
import { PEOPLE, startTabTestServer, type TabTestServer } from '../../support/tabServer.js';

export const HOUR = 3_600_000;
/** Monday 4 March 2024, 09:30 in London (GMT): the service's clock. */
export const NOW = Date.UTC(2024, 2, 4, 9, 30);
/** Wednesday, 10:00: 48.5 hours later, in school hours. */
export const START = Date.UTC(2024, 2, 6, 10, 0);
/** A senior leader (staff, on the SLT list). */
export const SLT = 'cccccccc-0000-4000-8000-000000000001';

/** A compliant "Book a lesson" form for Ms Adams with Mr Brown, with `over` changed. */
export const form = (over: Record<string, unknown> = {}) => ({
  title: 'Year 5 maths',
  start: new Date(START).toISOString(),
  durationMinutes: 20,
  pupils: ['pupil.one@pupils.example', 'pupil.two@pupils.example'],
  otherStaff: [{ aadObjectId: PEOPLE.teacherB.id, email: 'b@school.example', name: PEOPLE.teacherB.name }],
  ...over,
});

/** The JSON the booking routes answer with, as far as the tests read it. */
export interface ApiAnswer {
  error: { code: string; message: string; forIt?: string };
  problems: Array<{ field: string; message: string }>;
  booking: { meetingId: string } & Record<string, unknown>;
  rolledBack?: boolean;
  noticeOverridden?: { reason: string };
}

/** The on-behalf-of exchange as Entra answers it for the fake Graph: a token naming the teacher the sign-in named. */
function oboFor(sso: string): string {
  const claims = JSON.parse(Buffer.from(sso.split('.')[1]!, 'base64url').toString()) as { oid: string };
  return `delegated:${claims.oid}`;
}

/** What a suite reads: the service, the fake Graph, the exchange, the Graph client's waits and the cards sent. */
export interface BookingApi {
  tab: TabTestServer;
  graph: FakeGraphBooking;
  forUser: sinon.SinonStub;
  sleep: sinon.SinonSpy;
  cardsSent: sinon.SinonSpy;
  post(
    path: string,
    body: unknown,
    person?: { id: string; name: string },
  ): Promise<{ status: number; body: ApiAnswer }>;
}

/** Mocha hooks: one service and one fake Graph for the suite, the fakes reset before each test. */
export function useBookingApi(): BookingApi {
  const api = {
    forUser: sinon.stub(),
    sleep: sinon.fake.resolves(undefined),
    cardsSent: sinon.fake.resolves(undefined),
  } as BookingApi;
  let stopGraph: () => Promise<void>;
  before(async () => {
    ({ fake: api.graph, stop: stopGraph } = await startFakeGraphBooking());
    api.tab = await startTabTestServer({
      issuer: 'test',
      clock: { now: () => NOW },
      staffList: { staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, SLT], dsl: [], slt: [SLT] },
    });
    const core = api.tab.core;
    registerBookingRoutes(
      api.tab.server,
      {
        meetings: { load: (key) => core.readMeeting(key) },
        directory: core.directory,
        applyEvent: core.recordLessonEvent,
        requestKeys: core.requestKeys,
        policyFor: core.policyFor,
        clock: core.clock,
        logger: core.logger,
        verifier: verifierFor(core.config),
      },
      {
        calendar: new GraphLessonCalendar({
          baseUrl: api.graph.graphBaseUrl,
          tokens: { forUser: api.forUser },
          sleep: api.sleep,
        }),
        bookings: new InMemoryBookings(),
        cards: cardsTo(api.cardsSent),
      },
    );
  });
  after(async () => {
    await api.tab.close();
    await stopGraph();
  });
  beforeEach(() => {
    api.forUser.reset();
    api.forUser.callsFake(async (sso: string) => oboFor(sso));
    api.graph.requests.length = 0;
    api.cardsSent.resetHistory();
  });
  api.post = async (path, body, person = PEOPLE.teacherA) => {
    const res = await fetch(`${api.tab.base}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await api.tab.token(person)}` },
      body: JSON.stringify(body),
    });
    return { status: res.status, body: (await res.json()) as ApiAnswer };
  };
  return api;
}
