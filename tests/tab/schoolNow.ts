import assert from 'node:assert/strict';
import type { BrowserContext, Frame } from 'playwright-core';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { standIn } from '../support/suiteResource.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MIN = 60_000;
// 10:12 in London (GMT in March).
const AT = Date.parse('2026-03-10T10:12:00Z');

/** How long to wait for the school view to show something. */
export const WAIT = { timeout: 15_000 };
/** A change shows with the next poll (every 15 s) at the latest. */
export const NEXT_POLL = { timeout: 25_000 };
/** The school's Designated Safeguarding Lead. */
export const DSL = { id: 'cccccccc-0000-4000-8000-000000000001', name: 'Mrs Fletcher' };
/** A second DSL of the school. */
export const DSL2 = { id: 'cccccccc-0000-4000-8000-000000000002', name: 'Mr Osei' };
/** The Teams join link every lesson here has. */
export const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_school-view%40thread.v2/0';
/** The alert a lesson with a pupil and no adult raises. */
export const NO_STAFF = '1 pupil is in the lesson meeting with no member of staff.';
const pupil3: Participant = { ...PEOPLE.pupil2, id: 'bbbbbbbb-0000-4000-8000-000000000003', teamsId: '29:p3' };
const at = (hhmm: string) => Date.parse(`2026-03-10T${hhmm}:00Z`);

/**
 * For the enclosing `describe`: the service with the built tab, its clock at 10:12 on a Tuesday in term, and the
 * school's lessons: Year 6 science staffed, Year 5 maths and Year 3 art whose teacher left the pupils alone (each
 * with its alerts raised), and Year 4 reading to start at 10:40. A browser context, and ways to open the school view
 * in the simulated Teams host and to watch one of its alerts.
 */
export function useSchoolNow() {
  let server: TabTestServer | undefined;
  let browserContext: BrowserContext | undefined;
  const app = standIn(() => server);
  const context = standIn(() => browserContext);
  // The service's clock stands at 10:11 in London on a Tuesday in term, then at 10:12 once the alerts' grace period
  // is over: the school's ETag (the board and the minute) changes only when the board does.
  const clock = { moved: 0, now: () => AT - MIN + clock.moved };

  /** A lesson started at `start` by the first of `people` (its organizer), everyone joining then. */
  async function lesson(meetingId: string, title: string, start: string, people: Participant[]): Promise<void> {
    const events: MeetingEvent[] = [
      { kind: 'meetingStarted', id: `${meetingId}-start`, at: at(start), meetingType: 'Scheduled', title },
      {
        kind: 'meetingDetailsLearned',
        id: `${meetingId}-info`,
        at: at(start),
        joinUrl: JOIN_URL,
        organizerId: people[0]!.id,
      },
      ...people.map((participant, i): MeetingEvent => ({
        kind: 'participantJoined',
        id: `${meetingId}-join-${i}`,
        at: at(start),
        participant,
      })),
    ];
    for (const event of events) await app.applyEvent(lessonKey(meetingId), event);
  }

  /**
   * The school view as a personal tab: Teams runs a static tab in the `content` frame with the manifest's content URL.
   * `links` collects what the tab asks Teams to open.
   */
  async function openSchool(person: { id: string; name: string }, theme = 'default') {
    const { page } = await openInTeamsHost(context, app.base, { person, meeting: '', view: 'content', theme });
    await page.evaluate(() => {
      const seen: string[] = ((window as unknown as { links: string[] }).links = []);
      window.addEventListener('message', (e: MessageEvent<{ func?: string; args?: string[] }>) => {
        if (e.data?.func === 'executeDeepLink') seen.push(e.data.args?.[0] ?? '');
      });
      (document.getElementById('tab') as HTMLIFrameElement).src = '/tab/index.html?context=school';
    });
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab, 'the host embeds the tab in an iframe');
    const links = () => page.evaluate(() => (window as unknown as { links: string[] }).links);
    return { page, tab, links };
  }

  /**
   * Records what the alert whose text includes `watched` shows on the way (busy, then who took it): the next poll,
   * which "I'm dealing with it" asks for at once, may take the alert away before a locator could look.
   */
  async function watchAlert(tab: Frame, watched: string): Promise<() => Promise<string[]>> {
    await tab.evaluate((text) => {
      const seen = ((window as unknown as { seen: Set<string> }).seen = new Set());
      new MutationObserver(() => {
        const row = [...document.querySelectorAll('[data-testid="school-alert"]')].find((li) =>
          li.textContent?.includes(text),
        );
        if (row?.querySelector('button[disabled]')) seen.add('busy');
        const taken = row?.querySelector('[data-testid="alert-taken"]')?.textContent;
        if (taken) seen.add(taken);
      }).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
    }, watched);
    return () => tab.evaluate(() => [...(window as unknown as { seen: Set<string> }).seen].sort());
  }

  before(async () => {
    ensureTabBuilt();
    const staff = [PEOPLE.teacherA.id, PEOPLE.teacherB.id, DSL.id, DSL2.id];
    server = await startTabTestServer({
      issuer: 'dev',
      tabDir: 'tab/dist',
      clock,
      staffList: { staff, dsl: [DSL.id, DSL2.id] },
    });
    browserContext = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1500 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    // Started first and staffed; then a lesson whose teacher left the pupils alone; then another left alone.
    await lesson('school-staffed', 'Year 6 science', '09:55', [PEOPLE.teacherB, PEOPLE.pupil2]);
    await lesson('school-alone', 'Year 5 maths', '10:02', [PEOPLE.teacherA, PEOPLE.pupil1]);
    await lesson('school-alone-2', 'Year 3 art', '10:03', [PEOPLE.teacherA, pupil3]);
    const later = { kind: 'meetingDetailsLearned', id: 'later', at: at('10:00'), title: 'Year 4 reading' } as const;
    await app.applyEvent(lessonKey('school-later'), { ...later, scheduledStart: at('10:40') });
    const afternoon = { ...later, id: 'afternoon', title: 'Year 2 phonics', scheduledStart: at('13:00') };
    await app.applyEvent(lessonKey('school-afternoon'), afternoon);
    for (const meeting of ['school-alone', 'school-alone-2'])
      await app.applyEvent(lessonKey(meeting), {
        kind: 'participantLeft',
        id: `${meeting}-left`,
        at: at('10:10'),
        participantId: PEOPLE.teacherA.id,
      });
    // Seen at 10:11, raised a minute later, past the grace period.
    await app.core.tick();
    clock.moved = MIN;
    await app.core.tick();
  });
  after(async () => {
    await browserContext?.close();
    await closeBrowser();
    await server?.close();
  });

  return { app, context, openSchool, watchAlert };
}
