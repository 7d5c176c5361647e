import assert from 'node:assert/strict';
import type { BrowserContext, Frame } from 'playwright-core';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
import type { SchoolNowView } from '../../bot/src/app/schoolView/schoolViewModel.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MIN = 60_000;
// 10:12 in London (GMT in March).
const AT = Date.parse('2026-03-10T10:12:00Z');

const SCREENSHOTS = 'docs/screenshots';
const WAIT = { timeout: 15_000 };
// A change shows with the next poll (every 15 s) at the latest.
const NEXT_POLL = { timeout: 25_000 };
const DSL = { id: 'cccccccc-0000-4000-8000-000000000001', name: 'Mrs Fletcher' };
const DSL2 = { id: 'cccccccc-0000-4000-8000-000000000002', name: 'Mr Osei' };
const JOIN_URL = 'https://teams.microsoft.com/l/meetup-join/19%3ameeting_school-view%40thread.v2/0';
// The service's clock stands at 10:11 in London on a Tuesday in term, then at 10:12 once the alerts' grace period is
// over: the school's ETag (the board and the minute) changes only when the board does.
const clock = { moved: 0, now: () => AT - MIN + clock.moved };
const NO_STAFF = '1 pupil is in the lesson meeting with no member of staff.';
const pupil3: Participant = { ...PEOPLE.pupil2, id: 'bbbbbbbb-0000-4000-8000-000000000003', teamsId: '29:p3' };
const at = (hhmm: string) => Date.parse(`2026-03-10T${hhmm}:00Z`);

describe('tab/school view: the whole school now, for the safeguarding team', function () {
  this.timeout(120_000);
  let app: TabTestServer;
  let context: BrowserContext;

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
    app = await startTabTestServer({
      issuer: 'dev',
      tabDir: 'tab/dist',
      clock,
      staffList: { staff, dsl: [DSL.id, DSL2.id] },
    });
    context = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1500 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    // Started first and staffed; then a lesson whose teacher left the pupils alone; then another left alone.
    await lesson('school-staffed', 'Year 6 science', '09:55', [PEOPLE.teacherB, PEOPLE.pupil2]);
    await lesson('school-alone', 'Year 5 maths', '10:02', [PEOPLE.teacherA, PEOPLE.pupil1]);
    await lesson('school-alone-2', 'Year 3 art', '10:03', [PEOPLE.teacherA, pupil3]);
    const later = { kind: 'meetingDetailsLearned', id: 'later', at: at('10:00'), title: 'Year 4 reading' } as const;
    await app.applyEvent(lessonKey('school-later'), { ...later, scheduledStart: at('10:40') });
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
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  it('puts a live lesson with pupils and no adult first, in red, with "Join the lesson" and "Call the organizer"', async () => {
    const { page, tab, links } = await openSchool(DSL);
    await tab.getByRole('heading', { name: 'Safeguarding: the school now' }).waitFor(WAIT);
    const cards = tab.getByTestId('school-lesson');
    await cards.filter({ hasText: 'Year 6 science' }).waitFor(WAIT);
    const titles = await tab.getByRole('heading', { level: 3 }).allInnerTexts();
    assert.deepEqual(
      titles,
      ['Year 5 maths', 'Year 3 art', 'Year 6 science', 'Year 4 reading'],
      'no adult first, then by start',
    );
    const alone = cards.first();
    assert.equal(await alone.getAttribute('data-no-adult'), 'true');
    await alone.getByText('Pupils with no adult').waitFor(WAIT);
    assert.equal(await alone.getByTestId('lesson-people').innerText(), '0 adults, 1 pupil');
    assert.equal(await alone.getByTestId('lesson-time').innerText(), '10 of 20 min');
    assert.match(await alone.innerText(), /Organizer: Ms Adams/);
    const join = alone.getByRole('link', { name: 'Join the lesson' });
    const call = alone.getByRole('link', { name: 'Call the organizer' });
    assert.equal(await join.getAttribute('href'), JOIN_URL);
    assert.equal(await call.getAttribute('href'), `https://teams.microsoft.com/l/call/0/0?users=${PEOPLE.teacherA.id}`);
    // The staffed lesson has neither: nothing there for the DSL to do.
    assert.equal(await cards.filter({ hasText: 'Year 6 science' }).getByRole('link').count(), 0);
    await cards.filter({ hasText: 'Year 4 reading' }).getByText('Starts at 10:40, in 28 min').waitFor(WAIT);
    // In Teams both go through Teams (a tab cannot navigate Teams itself), not a browser window.
    await join.click();
    await call.click();
    await page.waitForFunction(() => (window as unknown as { links: string[] }).links.length >= 2, undefined, WAIT);
    assert.deepEqual(await links(), [JOIN_URL, await call.getAttribute('href')]);
    assert.equal(context.pages().length, 1, 'no browser window opened');
    await page.close();
  });

  it('shows the school in light, dark and high contrast (screenshots)', async () => {
    for (const [theme, file] of [
      ['default', 'light'],
      ['dark', 'dark'],
      ['contrast', 'contrast'],
    ] as const) {
      const { page, tab } = await openSchool(DSL, theme);
      await page.setViewportSize({ width: 760, height: 2400 });
      await tab.locator(`[data-theme="${theme}"]`).waitFor(WAIT);
      await tab.getByTestId('school-alert').first().waitFor(WAIT);
      // A personal tab fills Teams' page: the meeting host's stage is hidden for the picture.
      await page.addStyleTag({ content: 'main { display: none } aside { grid-column: 1 / 3 }' });
      await tab.locator('main').screenshot({ path: `${SCREENSHOTS}/school-view-${file}.png` });
      await page.close();
    }
  });

  it('asks again every 15 s with the ETag, and an unchanged school costs a 304 and keeps the view', async () => {
    const { page, tab } = await openSchool(DSL);
    const isNow = (url: string) => new URL(url).pathname === '/api/school/now';
    const again = await page.waitForResponse(
      (r) => isNow(r.url()) && !!r.request().headers()['if-none-match'],
      NEXT_POLL,
    );
    assert.equal(again.status(), 304);
    assert.match(again.request().headers()['if-none-match'] ?? '', /^".+"$/);
    assert.equal(await tab.getByTestId('school-lesson').count(), 4, 'the view stays');
    await page.close();
  });

  it('names who took an alert first when someone else is faster ("Mrs Fletcher is dealing with it")', async () => {
    const { page, tab } = await openSchool(DSL2);
    const alert = tab.getByTestId('school-alert').filter({ hasText: `Year 3 art: ${NO_STAFF}` });
    await alert.waitFor(WAIT);
    // Mrs Fletcher takes it from her card meanwhile, before Mr Osei's view asks again.
    const token = await app.token(DSL);
    const now = (await (
      await fetch(`${app.base}/api/school/now`, { headers: { authorization: `Bearer ${token}` } })
    ).json()) as SchoolNowView;
    const open = now.alerts.find((a) => a.meetingId === 'school-alone-2' && a.message.startsWith(NO_STAFF));
    assert.ok(open, 'the alert is open');
    const taken = await fetch(`${app.base}/api/school/alerts/acknowledge`, {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: JSON.stringify({ meetingId: open.meetingId, findingKey: open.findingKey, raisedAt: open.raisedAt }),
    });
    assert.equal(taken.status, 200);
    const seen = await watchAlert(tab, `Year 3 art: ${NO_STAFF}`);
    await alert.getByRole('button', { name: "I'm dealing with it" }).click();
    await alert.waitFor({ state: 'detached', ...NEXT_POLL });
    assert.deepEqual(await seen(), ['Mrs Fletcher is dealing with it (since 10:12).', 'busy']);
    await page.close();
  });

  it('takes an open alert with "I\'m dealing with it", and the alert leaves the list', async () => {
    const { page, tab } = await openSchool(DSL);
    const alerts = tab.getByTestId('school-alert');
    const alert = alerts.filter({ hasText: `Year 5 maths: ${NO_STAFF}` });
    await alert.waitFor(WAIT);
    assert.match(await alert.innerText(), /Raised at 10:12, just now\. Not delivered to the DSL yet/);
    const seen = await watchAlert(tab, `Year 5 maths: ${NO_STAFF}`);
    await alert.getByRole('button', { name: "I'm dealing with it" }).click();
    await alert.waitFor({ state: 'detached', ...NEXT_POLL });
    assert.deepEqual(await seen(), ['You are dealing with it (since 10:12).', 'busy']);
    // The lesson's other alert (the last adult left without ending the meeting) is still nobody's.
    await alerts.filter({ hasText: 'Year 5 maths: The last member of staff left' }).waitFor(WAIT);
    const stored = await app.meetings.load(lessonKey('school-alone'));
    const acks = Object.values(stored?.state.acknowledgements ?? {});
    assert.deepEqual(
      acks.map((a) => a.by),
      [DSL.id],
      'the service recorded who took it',
    );
    await page.close();
  });

  it('tells a teacher kindly that the school view is for the safeguarding team', async () => {
    const { page, tab } = await openSchool(PEOPLE.teacherB);
    await tab.getByRole('heading', { name: 'This page is for the safeguarding team' }).waitFor(WAIT);
    await tab.getByText(/for the school's safeguarding team: the DSL, the deputies and senior leaders/).waitFor(WAIT);
    assert.equal(await tab.getByTestId('school-lesson').count(), 0, 'nothing about any lesson');
    await page.close();
  });
});
