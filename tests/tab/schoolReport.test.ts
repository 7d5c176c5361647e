import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { setTimeout as sleep } from 'node:timers/promises';
import type { BrowserContext } from 'playwright-core';
import type { WeekReport } from '../../bot/src/app/schoolView/weekReport.js';
import { lessonRecordLink, recordSubEntityId } from '../../bot/src/teams/alerts/recordLink.js';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { screenshotPath } from '../support/screenshots.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const WAIT = { timeout: 15_000 };
const DSL = { id: 'cccccccc-0000-4000-8000-0000000000a1', name: 'Mrs Fletcher' };
const APP_ID = '3c1d2e4f-0000-4000-8000-00000000ab12';
const MATHS = 'report-tab-maths';
// Thursday 26 November 2026, 10:00 in London; the lessons ran on Monday and Wednesday.
const at = (iso: string) => Date.parse(`2026-11-${iso}Z`);
const clock = { at: at('23T10:00:00'), now: () => clock.at };

describe('tab/school view: "Lessons" and "This week" for the safeguarding team', function () {
  this.timeout(120_000);
  let app: TabTestServer;
  let context: BrowserContext;

  /** A lesson started at `start` by the first of `people`, all joining then; it ends at `end`. */
  async function lesson(meetingId: string, title: string, people: Participant[], start: number, end?: number) {
    const key = lessonKey(meetingId);
    const organizerId = people[0]!.id;
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: `${meetingId}-s`,
      at: start,
      meetingType: 'Scheduled',
      title,
      organizerId,
    });
    for (const [i, participant] of people.entries())
      await app.applyEvent(key, { kind: 'participantJoined', id: `${meetingId}-j${i}`, at: start, participant });
    if (end !== undefined) await app.applyEvent(key, { kind: 'meetingEnded', id: `${meetingId}-e`, at: end });
  }

  /** The school view as a personal tab; `address` is what the manifest's content URL adds (e.g. `&app=`). */
  async function openSchool(theme = 'default', address = '') {
    const { page } = await openInTeamsHost(context, app.base, { person: DSL, meeting: '', view: 'content', theme });
    await page.evaluate((src) => {
      const seen: string[] = ((window as unknown as { links: string[] }).links = []);
      window.addEventListener('message', (e: MessageEvent<{ func?: string; args?: string[] }>) => {
        if (e.data?.func === 'executeDeepLink') seen.push(e.data.args?.[0] ?? '');
      });
      (document.getElementById('tab') as HTMLIFrameElement).src = src;
    }, `/tab/index.html?context=school${address}`);
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab);
    await tab.getByRole('heading', { name: 'Safeguarding: the school now' }).waitFor(WAIT);
    return { page, tab, links: () => page.evaluate(() => (window as unknown as { links: string[] }).links) };
  }

  before(async () => {
    ensureTabBuilt();
    app = await startTabTestServer({
      issuer: 'dev',
      tabDir: 'tab/dist',
      clock,
      staffList: { staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, DSL.id], dsl: [DSL.id] },
    });
    context = await (
      await sharedBrowser()
    ).newContext({ viewport: { width: 900, height: 1400 }, acceptDownloads: true });
    await context.route(/^https:\/\//, (route) => route.abort());
    // Monday: Ms Adams leaves Pupil One alone (a serious alert), then comes back and ends the lesson.
    await lesson(MATHS, 'Year 5 maths', [PEOPLE.teacherA, PEOPLE.pupil1], at('23T10:00:00'));
    const left: MeetingEvent = {
      kind: 'participantLeft',
      id: 'm-left',
      at: at('23T10:04:00'),
      participantId: PEOPLE.teacherA.id,
    };
    await app.applyEvent(lessonKey(MATHS), left);
    clock.at = at('23T10:05:00');
    await app.core.tick();
    await app.applyEvent(lessonKey(MATHS), {
      kind: 'participantJoined',
      id: 'm-back',
      at: at('23T10:06:00'),
      participant: PEOPLE.teacherA,
    });
    await app.applyEvent(lessonKey(MATHS), { kind: 'meetingEnded', id: 'm-end', at: at('23T10:10:00') });
    // Wednesday: two adults with Pupil Two.
    await lesson(
      'report-tab-art',
      'Year 6 art',
      [PEOPLE.teacherB, PEOPLE.teacherA, PEOPLE.pupil2],
      at('25T14:00:00'),
      at('25T14:20:00'),
    );
    clock.at = at('26T10:00:00');
    // The board is written in the background: wait for the last write before opening the tab.
    const token = await app.token(DSL);
    for (let attempt = 0; attempt < 100; attempt += 1) {
      const res = await fetch(`${app.base}/api/school/week`, { headers: { authorization: `Bearer ${token}` } });
      const week = (await res.json()) as WeekReport;
      if (week.totals.lessons === 2 && week.totals.withCritical === 1 && week.days[2]?.checksUndone === 3) return;
      await sleep(50);
    }
    assert.fail('the board never showed the lessons');
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  it('lists past lessons, searches for those with a serious alert, and opens the record through Teams', async () => {
    const { page, tab, links } = await openSchool('default', `&app=${APP_ID}`);
    await tab.getByRole('tab', { name: 'Lessons' }).click();
    const rows = tab.getByTestId('past-lesson');
    await rows.first().waitFor(WAIT);
    assert.deepEqual(await tab.getByRole('link').allInnerTexts(), ['Year 6 art', 'Year 5 maths']);
    const maths = rows.filter({ hasText: 'Year 5 maths' });
    assert.match(await maths.innerText(), /Mon 23 Nov 10:00/);
    assert.match(await maths.innerText(), /Serious alert/);
    assert.match(await maths.innerText(), /One adult for 8 min/);
    await tab.getByRole('switch', { name: 'Only lessons with a serious alert' }).click();
    await tab.getByRole('button', { name: 'Search' }).click();
    await tab.getByText('1 lesson, newest first.').waitFor(WAIT);
    assert.deepEqual(await tab.getByRole('link').allInnerTexts(), ['Year 5 maths']);
    await tab.getByRole('link', { name: 'Year 5 maths' }).click();
    await page.waitForFunction(() => (window as unknown as { links: string[] }).links.length > 0, undefined, WAIT);
    assert.deepEqual(await links(), [lessonRecordLink(APP_ID, MATHS)]);
    assert.equal(context.pages().length, 1, 'no browser window opened');
    await page.close();
  });

  it('without the app id, the lesson links to the record view itself', async () => {
    const { page, tab } = await openSchool();
    await tab.getByRole('tab', { name: 'Lessons' }).click();
    await tab.getByRole('textbox', { name: 'Organizer' }).fill('brown');
    await tab.getByRole('button', { name: 'Search' }).click();
    await tab.getByText('1 lesson, newest first.').waitFor(WAIT);
    const link = tab.getByRole('link', { name: 'Year 6 art' });
    assert.equal(await tab.getByTestId('past-lesson').count(), 1);
    assert.equal(
      await link.getAttribute('href'),
      `/tab/index.html?context=record&lesson=${recordSubEntityId('report-tab-art')}`,
    );
    await page.close();
  });

  it('"This week": each figure in words, bars by day and by organizer, and the CSV to download', async () => {
    const { page, tab } = await openSchool();
    await tab.getByRole('tab', { name: 'This week' }).click();
    await tab.getByRole('heading', { name: 'Week of Mon 23 Nov to Sun 29 Nov' }).waitFor(WAIT);
    assert.match(await tab.getByTestId('week-figure-lessons').innerText(), /2 lessons ran\./);
    assert.match(await tab.getByTestId('week-figure-critical').innerText(), /1 lesson had a serious alert\./);
    assert.match(await tab.getByTestId('week-figure-oneAdult').innerText(), /8 minutes with pupils and only one adult/);
    assert.match(await tab.getByTestId('week-figure-checks').innerText(), /6 pupil checks never recorded/);
    assert.match(await tab.getByTestId('week-by-day').innerText(), /Mon 23 Nov\s+1 lesson, 1 with a serious alert\./);
    assert.match(
      await tab.getByTestId('week-by-organizer').innerText(),
      /Ms Adams\s+1 lesson, 1 with a serious alert, 8 minutes with one adult/,
    );
    const download = page.waitForEvent('download', WAIT);
    await tab.getByRole('button', { name: 'Download CSV' }).click();
    const file = await download;
    assert.equal(file.suggestedFilename(), 'chaperone-week-2026-11-23.csv');
    const text = await readFile((await file.path()) ?? '', 'utf8');
    assert.match(text.replace(/^\uFEFF/, ''), /^"Group","Name","Lessons run"/);
    assert.match(text, /"Week","Mon 23 Nov to Sun 29 Nov 2026","2","1"/);
    await tab.getByRole('button', { name: 'Previous week' }).click();
    await tab.getByRole('heading', { name: 'Week of Mon 16 Nov to Sun 22 Nov' }).waitFor(WAIT);
    assert.match(await tab.getByTestId('week-figure-lessons').innerText(), /0 lessons ran\./);
    await page.close();
  });

  it('shows "This week" in light and dark (screenshots)', async () => {
    for (const [theme, file] of [
      ['default', 'light'],
      ['dark', 'dark'],
    ] as const) {
      const { page, tab } = await openSchool(theme);
      await page.setViewportSize({ width: 900, height: 2000 });
      await tab.getByRole('tab', { name: 'This week' }).click();
      await tab.getByTestId('week-by-organizer').waitFor(WAIT);
      await page.addStyleTag({ content: 'main { display: none } aside { grid-column: 1 / 3 }' });
      await tab.locator('main').screenshot({ path: screenshotPath(`school-week-${file}`) });
      await page.close();
    }
  });
});
