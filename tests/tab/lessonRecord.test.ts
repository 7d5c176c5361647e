import assert from 'node:assert/strict';
import type { BrowserContext, Frame } from 'playwright-core';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
import { lessonRecordLink, recordSubEntityId } from '../../bot/src/teams/alerts/recordLink.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MEETING = 'MCMxOTptZWV0aW5nX1JlY29yZFRlc3Q/+==';
const APP_ID = '00000000-0000-4000-8000-00000000c0a1';
const WAIT = { timeout: 15_000 };
const join = (p: Participant, at: number, id: string): MeetingEvent => ({
  kind: 'participantJoined',
  id,
  at,
  participant: p,
});

describe('tab/lesson record: the timeline in Teams, and the way into Teams from a browser', function () {
  this.timeout(90_000);
  let app: TabTestServer;
  let context: BrowserContext;

  /**
   * The simulated Teams host with the record view; `tabQuery` replaces the tab's address as a deep link's content URL
   * would.
   */
  async function openInHost(
    person: { id: string; name: string },
    options: { meeting?: string; tabQuery?: string } = {},
  ): Promise<Frame> {
    const { page, tab } = await openInTeamsHost(context, app.base, {
      person,
      meeting: options.meeting ?? MEETING,
      view: 'record',
    });
    if (!options.tabQuery) return tab;
    const reaim = (q: string) =>
      void ((document.getElementById('tab') as HTMLIFrameElement).src = `/tab/index.html?${q}`);
    await page.evaluate(reaim, options.tabQuery);
    const again = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(again, 'the host embeds the tab in an iframe');
    return again;
  }

  before(async () => {
    ensureTabBuilt();
    app = await startTabTestServer({ issuer: 'dev', tabDir: 'tab/dist' });
    context = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1400 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    const start = Date.now() - 10 * 60_000;
    const key = lessonKey(MEETING);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'r-start',
      at: start,
      meetingType: 'Scheduled',
      title: 'Year 6 science',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, start, 'r-join-t'));
    await app.applyEvent(key, join(PEOPLE.pupil1, start + 60_000, 'r-join-p'));
    const consent = {
      kind: 'pupilCheckRecorded',
      check: 'consent',
      state: 'yes',
      pupilId: PEOPLE.pupil1.id,
      by: PEOPLE.teacherA.id,
    } as const;
    await app.applyEvent(key, { ...consent, id: 'r-check', at: start + 90_000 });
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  it('shows a teacher who was in the lesson its timeline, in order, in plain words', async () => {
    const tab = await openInHost(PEOPLE.teacherA);
    await tab.getByRole('heading', { name: 'Year 6 science: lesson record' }).waitFor(WAIT);
    const items = tab.getByTestId('lesson-record').getByRole('listitem');
    await items.filter({ hasText: 'Pupil One (pupil) joined.' }).waitFor(WAIT);
    const texts = await items.allInnerTexts();
    const first = texts.findIndex((t) => t.includes('The lesson started.'));
    const joined = texts.findIndex((t) => t.includes('Ms Adams (staff) joined.'));
    const checked = texts.findIndex((t) => t.includes('Ms Adams recorded "Consent" for Pupil One as yes.'));
    assert.ok(first === 0 && joined > first && checked > joined, texts.join('\n'));
    assert.ok(texts.every((t) => !/seed/i.test(t)));
    await tab.getByText(/has not ended yet/).waitFor(WAIT);
  });

  it('opens the lesson a deep link names (the sub-entity in the address), not the meeting the host is in', async () => {
    const tab = await openInHost(PEOPLE.teacherA, {
      meeting: 'some-other-meeting',
      tabQuery: `context=record&lesson=${recordSubEntityId(MEETING)}`,
    });
    await tab.getByRole('heading', { name: 'Year 6 science: lesson record' }).waitFor(WAIT);
  });

  it('tells a teacher who was not in the lesson, kindly, who can open it', async () => {
    const tab = await openInHost(PEOPLE.teacherB);
    await tab.getByText('You cannot open this lesson record').waitFor(WAIT);
    await tab.getByText(/safeguarding team, can open its record/).waitFor(WAIT);
  });

  it('outside Teams, the record address offers the same record in Teams with one sentence on why', async () => {
    const page = await context.newPage();
    await page.goto(
      `${app.base}/tab/index.html?${new URLSearchParams({ context: 'record', meetingId: MEETING, app: APP_ID })}`,
    );
    const button = page.getByRole('link', { name: 'Open the lesson record in Teams' });
    await button.waitFor(WAIT);
    assert.equal(await button.getAttribute('href'), lessonRecordLink(APP_ID, MEETING));
    await page.getByText(/sign in with your school account/).waitFor(WAIT);
  });

  it('outside Teams, a record address without the app still leads into Teams, never a dead end', async () => {
    const page = await context.newPage();
    await page.goto(`${app.base}/tab/index.html?${new URLSearchParams({ context: 'record', meetingId: MEETING })}`);
    const link = page.getByRole('link', { name: 'Open Microsoft Teams' });
    await link.waitFor(WAIT);
    assert.equal(await link.getAttribute('href'), 'https://teams.microsoft.com/');
  });
});
