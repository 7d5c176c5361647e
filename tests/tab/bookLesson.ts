/**
 * The "Book a lesson" browser tests' service, exactly as deployed: the production composition root with the built
 * tab, `GRAPH_BASE_URL` at the local fake Graph, the school's Teams at a fake Bot Connector (where the senior team's
 * card goes), and the one thing MSAL cannot do locally, the on-behalf-of exchange, as the service's `delegatedTokens`.
 * The personal tab is opened in the simulated Teams host, whose people picker offers Mr Brown and a pupil.
 */
import assert from 'node:assert/strict';
import { decodeJwt } from 'jose';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import sinon from 'sinon';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { lessonActivities } from '../support/activities.js';
import { closeBrowser, sharedBrowser } from '../support/browser.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { startFakeGraphBooking, type FakeGraphBooking } from '../support/fakeGraphBooking.js';
import { postActivity } from '../support/serviceHarness.js';
import { standIn } from '../support/suiteResource.js';
import { PEOPLE, SCHOOL_TENANT, startTabTestServer, TEAM, type TabTestServer } from '../support/tabServer.js';
import { PUPIL_IN_PICKER, SECOND_ADULT } from './bookLessonForm.js';

export * from './bookLessonForm.js';

/** Monday 4 March 2024, 09:30 in London (GMT): the service's clock. */
export const NOW = Date.UTC(2024, 2, 4, 9, 30);
/** The teacher who books (staff, not on the safeguarding team). */
export const TEACHER = PEOPLE.teacherA;
/** The school's DSL (the school view, with "Book a lesson" as its fifth section). */
export const DSL = TEAM.dsl;
/** A senior leader (the staff file's `slt`): may book at short notice with a reason. */
export const SENIOR = TEAM.slt;
/** The personal tab in the simulated Teams host, and what it sent and asked of Teams. */
export interface OpenTab {
  page: Page;
  tab: Frame;
  /** The bodies of every `POST /api/bookings` the tab sent. */
  sent: Array<Record<string, unknown>>;
  /** The pages the tab asked Teams to open in its consent window. */
  consentPages(): Promise<string[]>;
}

/** How the tab is opened: Teams' theme, whether the person approves Teams' consent window, and the host's picker. */
export interface OpenOptions {
  theme?: string;
  consent?: 'approve' | 'cancel';
  /** A Teams host without the people picker (its runtime does not list `people`). */
  withoutPicker?: boolean;
}

/** For the enclosing `describe`: the service, the fakes, the exchange, and a way to open the personal tab. */
export function useBookLesson() {
  let server: TabTestServer | undefined;
  let browserContext: BrowserContext | undefined;
  let fakeGraph: { fake: FakeGraphBooking; stop: () => Promise<void> } | undefined;
  let fakeTeams: RunningFakeConnector | undefined;
  const forUser = sinon.stub();
  const app = standIn(() => server);
  const context = standIn(() => browserContext);
  const graph = standIn(() => fakeGraph?.fake);
  const teams = standIn(() => fakeTeams);

  /** The personal tab (`context=school`) as `person`, in Teams' `content` frame as a static tab runs. */
  async function openTab(person: { id: string; name: string }, options: OpenOptions = {}): Promise<OpenTab> {
    const page = await context.newPage();
    const sent: OpenTab['sent'] = [];
    page.on('request', (request) => {
      if (request.method() === 'POST' && new URL(request.url()).pathname === '/api/bookings')
        sent.push(request.postDataJSON() as Record<string, unknown>);
    });
    if (options.withoutPicker)
      await page.route('**/dev/host.js', async (route) => {
        const script = await (await route.fetch()).text();
        assert.ok(script.includes('"people":{},'), 'the host offers the picker unless told not to');
        await route.fulfill({ contentType: 'text/javascript', body: script.replace('"people":{},', '') });
      });
    const query = new URLSearchParams({
      user: person.id,
      name: person.name,
      context: 'school',
      theme: options.theme ?? 'default',
      consent: options.consent ?? 'approve',
    });
    await page.goto(`${app.base}/dev/host?${query}`);
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab, 'the host embeds the tab in an iframe');
    await page.evaluate(() => {
      const asked: string[] = ((window as unknown as { asked: string[] }).asked = []);
      window.addEventListener('message', (e: MessageEvent<{ func?: string; args?: string[] }>) => {
        if (e.data?.func === 'authentication.authenticate') asked.push(e.data.args?.[0] ?? '');
      });
    });
    const consentPages = () => page.evaluate(() => (window as unknown as { asked: string[] }).asked);
    return { page, tab, sent, consentPages };
  }

  before(async () => {
    ensureTabBuilt();
    fakeGraph = await startFakeGraphBooking();
    fakeTeams = await startFakeConnector();
    server = await startTabTestServer({
      issuer: 'dev',
      tabDir: 'tab/dist',
      clock: { now: () => NOW },
      staffList: {
        staff: [TEACHER.id, PEOPLE.teacherB.id, DSL.id, SENIOR.id],
        dsl: [DSL.id],
        slt: [SENIOR.id],
      },
      env: { GRAPH_BASE_URL: fakeGraph.fake.graphBaseUrl },
      delegatedTokens: { forUser },
      hostPeople: [SECOND_ADULT, PUPIL_IN_PICKER],
    });
    // Tells the service where this school's Teams is, as its first activity does in production.
    const where = lessonActivities({ tenantId: SCHOOL_TENANT, meetingId: 'booking-school', serviceUrl: teams.url });
    assert.equal(await postActivity(server.base, where.start(NOW)), 200);
    browserContext = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1400 } });
    await context.route(/^https:\/\//, (route) => route.abort());
  });
  beforeEach(() => {
    forUser.reset();
    // What Entra's exchange gives for the fake Graph: a token naming the person the Teams sign-in named.
    forUser.callsFake(async (sso: string) => `delegated:${String(decodeJwt(sso).oid)}`);
    graph.requests.length = 0;
    teams.clear();
  });
  after(async () => {
    await browserContext?.close();
    await closeBrowser();
    await server?.close();
    await fakeGraph?.stop();
    await fakeTeams?.stop();
  });

  return { app, graph, teams, forUser, openTab };
}

/** The events the fake Graph was asked to create. */
export function eventsCreated(graph: FakeGraphBooking) {
  return graph.requests.filter((r) => r.method === 'POST' && r.path === '/v1.0/me/events');
}
