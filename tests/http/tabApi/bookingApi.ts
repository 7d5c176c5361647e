/**
 * The booking routes on the real service, exactly as deployed: the production composition root over
 * Azurite with the test sign-in issuer, `GRAPH_BASE_URL` at the local fake Graph, and the one thing
 * MSAL cannot do locally, the on-behalf-of exchange, given as the service's `delegatedTokens` option.
 */
import { strict as assert } from 'node:assert';
import sinon from 'sinon';
import type { Policy } from '../../../bot/src/domain/policy/schema.js';
import { lessonActivities } from '../../support/activities.js';
import { startFakeConnector, type RunningFakeConnector } from '../../support/fakeConnector.js';
import { startFakeGraphBooking, type FakeGraphBooking } from '../../support/fakeGraphBooking.js';
import { postActivity } from '../../support/serviceHarness.js';
import {
  OTHER_TENANT,
  PEOPLE,
  SCHOOL_TENANT,
  startTabTestServer,
  type TabTestServer,
} from '../../support/tabServer.js';

export const HOUR = 3_600_000;
/** Monday 4 March 2024, 09:30 in London (GMT): the service's clock. */
export const NOW = Date.UTC(2024, 2, 4, 9, 30);
/** Wednesday, 10:00: 48.5 hours later, in school hours. */
export const START = Date.UTC(2024, 2, 6, 10, 0);
/** A senior leader (staff, on the SLT list), also staff (not a senior leader) in the other school of the trust. */
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
  /** A cancel or a move: what it did, whether an earlier request had, and how many cards it queued. */
  outcome?: string;
  repeated?: boolean;
  cardsQueued?: number;
}

/** The on-behalf-of exchange as Entra answers it for the fake Graph: a token naming the teacher the sign-in named. */
function oboFor(sso: string): string {
  const claims = JSON.parse(Buffer.from(sso.split('.')[1]!, 'base64url').toString()) as { oid: string };
  return `delegated:${claims.oid}`;
}

/** How the suite's service is set up. */
export interface BookingApiOptions {
  /** Give the service the fake on-behalf-of exchange (default true); false: only what `env` configures. */
  exchange?: boolean;
  /** Further settings for the service. */
  env?: Record<string, string>;
  /** Default: the strict preset. */
  policy?: Policy;
}

/** A person who signs in to the tab. */
export type Person = { id: string; name: string };

/** What a suite reads: the service, the fake Graph and Teams, and the exchange. */
export interface BookingApi {
  tab: TabTestServer;
  graph: FakeGraphBooking;
  /** The school's Teams (Bot Connector): where the senior leaders' cards go. */
  teams: RunningFakeConnector;
  forUser: sinon.SinonStub;
  /** The service's clock: {@link NOW} at the start of each test; a test may move it. */
  now: number;
  post(path: string, body: unknown, person?: Person): Promise<{ status: number; body: ApiAnswer }>;
  get(path: string, person?: Person, tenantId?: string): Promise<{ status: number; body: unknown }>;
}

/** Mocha hooks: one service and one fake Graph for the suite, the fakes reset before each test. */
export function useBookingApi(options: BookingApiOptions = {}): BookingApi {
  const api = { forUser: sinon.stub(), now: NOW } as BookingApi;
  let stopGraph: () => Promise<void>;
  before(async () => {
    ({ fake: api.graph, stop: stopGraph } = await startFakeGraphBooking());
    api.teams = await startFakeConnector();
    api.tab = await startTabTestServer({
      issuer: 'test',
      clock: { now: () => api.now },
      staffList: {
        staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, SLT],
        dsl: [],
        slt: [SLT],
        tenants: { [OTHER_TENANT]: { staff: [SLT], dsl: [] } },
      },
      env: { GRAPH_BASE_URL: api.graph.graphBaseUrl, ...options.env },
      ...(options.policy ? { policy: options.policy } : {}),
      ...(options.exchange === false ? {} : { delegatedTokens: { forUser: api.forUser } }),
    });
    // Tells the service where this school's Teams is, as its first activity does in production.
    const where = lessonActivities({ tenantId: SCHOOL_TENANT, meetingId: 'booking-school', serviceUrl: api.teams.url });
    assert.equal(await postActivity(api.tab.base, where.start(NOW)), 200);
  });
  after(async () => {
    await api.tab.close();
    await stopGraph();
    await api.teams.stop();
  });
  beforeEach(() => {
    api.now = NOW;
    api.forUser.reset();
    api.forUser.callsFake(async (sso: string) => oboFor(sso));
    api.graph.requests.length = 0;
    api.teams.clear();
  });
  const send = async (method: string, path: string, person: Person, tenantId?: string, body?: unknown) => {
    const res = await fetch(`${api.tab.base}${path}`, {
      method,
      headers: {
        'content-type': 'application/json',
        authorization: `Bearer ${await api.tab.token(person, tenantId)}`,
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: res.status, body: (await res.json()) as ApiAnswer };
  };
  api.post = (path, body, person = PEOPLE.teacherA) => send('POST', path, person, undefined, body);
  api.get = (path, person = PEOPLE.teacherA, tenantId) => send('GET', path, person, tenantId);
  return api;
}
