import { strict as assert } from 'node:assert';
import { readFileSync } from 'node:fs';
import type { BrowserContext, Frame, Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, sharedBrowser } from '../support/browser.js';
import { screenshotPath } from '../support/screenshots.js';
import { startSimService, type SimService } from './simService.js';

const WAIT = { timeout: 15_000 };

/** The cells of one CSV line (quoted or bare). */
function cellsOf(line: string): string[] {
  return [...line.matchAll(/(?:^|,)(?:"((?:[^"]|"")*)"|([^,]*))/g)].map((m) =>
    (m[1] ?? m[2] ?? '').replace(/""/g, '"'),
  );
}

describe('dev/simulator page in headless Chromium: a lesson run end to end', function () {
  this.timeout(120_000);
  let sim: SimService;
  let context: BrowserContext;
  let page: Page;

  const click = (label: string) => page.getByRole('button', { name: label, exact: true }).click();
  const feedItem = (kind: string, text: RegExp) =>
    page.locator(`#feed li[data-kind="${kind}"]`).filter({ hasText: text });
  const statusSays = (text: RegExp) => page.getByTestId('status').filter({ hasText: text }).waitFor(WAIT);

  async function openPanel(personName: RegExp): Promise<Frame> {
    await page.locator('#open-panel select[name="personId"]').selectOption({ label: (await optionLabel(personName))! });
    await page.locator('#open-panel button[type="submit"]').click();
    return hostedTab();
  }

  /** The tab inside the simulated Teams host, once the host has booted it. */
  async function hostedTab(): Promise<Frame> {
    const host = await (await page.waitForSelector('#host-frame')).contentFrame();
    assert.ok(host);
    await host.waitForURL(/\/dev\/host\?/, WAIT);
    // The host may replace its #tab element while it boots (a slow machine sees the old one detached): ask again.
    for (let attempt = 0; attempt < 5; attempt++) {
      const tab = await (await host.waitForSelector('#tab')).contentFrame().catch(() => null);
      if (tab) return tab;
    }
    assert.fail('the host embeds the side panel');
  }

  async function optionLabel(name: RegExp): Promise<string | undefined> {
    const labels = await page.locator('#open-panel select[name="personId"] option').allTextContents();
    return labels.find((l) => name.test(l));
  }

  before(async () => {
    ensureTabBuilt();
    // A Wednesday morning in term, so the only alerts are the ones this lesson earns.
    sim = await startSimService({ startAt: Date.parse('2026-01-14T10:00:00Z') });
    const browser = await sharedBrowser();
    context = await browser.newContext({ viewport: { width: 1440, height: 1100 }, acceptDownloads: true });
    // Offline: teams-js's CDN fetch fails at once instead of waiting.
    await context.route(/^https:\/\//, (route) => route.abort());
    page = await context.newPage();
    await page.goto(`${sim.url}/dev`);
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await sim?.stop();
  });

  it('the tour starts with "Book a lesson": Ms Khan books Monday 10:00 with Mr Osei, and the headteacher is told', async () => {
    await page.locator('#open-panel select[name="personId"]').selectOption({ label: (await optionLabel(/Ms Khan/))! });
    await click('Book a lesson as this person');
    const tab = await hostedTab();
    await tab.getByRole('heading', { name: 'Book a lesson' }).first().waitFor(WAIT);
    const fields: Array<[string, string]> = [
      ['Title', 'Year 5 maths'],
      ["Pupils' email addresses", 'amira@pupils.school.example\nben@pupils.school.example'],
      ['Day', '2026-01-19'],
      ['Start time', '10:00'],
      ['Length in minutes', '45'],
    ];
    for (const [label, value] of fields) await tab.getByLabel(label, { exact: false }).first().fill(value);
    // Teams' people picker, in the host around the tab.
    await tab.getByRole('button', { name: 'Choose in Teams' }).click();
    const host = (await (await page.waitForSelector('#host-frame')).contentFrame())!;
    await host
      .getByRole('dialog')
      .getByRole('button', { name: /Mr Osei/ })
      .click();
    await tab
      .getByText(/20 minutes/)
      .first()
      .waitFor(WAIT); // the length problem, beside its field
    await tab.getByLabel('Length in minutes', { exact: false }).first().fill('20');
    await tab.getByRole('button', { name: 'Book', exact: true }).click();
    await tab.getByText(/^Booked: Year 5 maths/).waitFor(WAIT);
    const listed = tab.getByTestId('booked-lesson').filter({ hasText: 'Year 5 maths' });
    await listed.getByRole('button', { name: /Cancel lesson/ }).waitFor(WAIT);
    const chat = await sim.call<{ lines: Array<{ text?: string }> }>(
      'GET',
      '/dev/api/chat/00000000-0000-4000-8000-0000000000c1',
    );
    assert.match(JSON.stringify(chat.body.lines), /Year 5 maths/, "the card is in Mr Hughes's chat");
    assert.doesNotMatch(JSON.stringify(chat.body.lines), /amira/i, 'no pupil is named');
  });

  it('two staff and three pupils join; one member of staff leaves: after the grace period the remaining teacher is alerted', async () => {
    await page.locator('#new-lesson input[name="title"]').fill('Year 5 maths');
    await click('Create lesson');
    await page.getByTestId('lesson-status').filter({ hasText: 'scheduled' }).waitFor(WAIT);
    for (const name of ['Ms Khan', 'Mr Osei', 'Amira', 'Ben', 'Chloe']) {
      await click(`Join ${name}`);
      await page.getByRole('button', { name: `Leave ${name}` }).waitFor(WAIT);
    }
    await page.getByTestId('lesson-status').filter({ hasText: 'live' }).waitFor(WAIT);
    await click('Leave Mr Osei');
    await page.getByRole('button', { name: 'Join Mr Osei' }).waitFor(WAIT);
    await click('+1 min');
    await statusSays(/timers? fired/);
    const alert = feedItem('alert', /Fewer staff than the policy requires/).first();
    await alert.waitFor(WAIT);
    assert.match(await alert.innerText(), /to Ms Khan/);
    assert.doesNotMatch(
      await alert.innerText(),
      /Amira|Ben|Chloe|Mr Osei/,
      'addressed to the teacher in the call, nobody else',
    );

    const panel = await openPanel(/^Ms Khan/);
    await panel
      .getByText(/school policy asks for 2/)
      .first()
      .waitFor(WAIT);
    await page.screenshot({ path: screenshotPath('simulator') });
  });

  it('the teacher hangs up leaving pupils in the call: the DSL is alerted in a 1:1 chat', async () => {
    await click('Hang up Ms Khan');
    await statusSays(/hung up/);
    await click('+1 min');
    const toDsl = feedItem('message', /Safeguarding alert/)
      .filter({ hasText: 'Mrs Fletcher' })
      .first();
    await toDsl.waitFor(WAIT);
    assert.doesNotMatch(await toDsl.innerText(), /Amira|Ben|Chloe/, 'the DSL preview names no pupil');
    await toDsl.locator('.card').first().waitFor(WAIT);
    await page.getByTestId('lesson-status').filter({ hasText: 'live' }).waitFor(WAIT);
  });

  it("the alert trail shows the DSL's copy delivered; the DSL takes it in the school view, and the trail says so", async () => {
    const trail = page.getByTestId('alert-trail');
    await trail
      .getByText(/Mrs Fletcher \(DSL\): sent at/)
      .first()
      .waitFor(WAIT);
    await trail.getByText('Nobody has pressed "I\'m dealing with it" yet.').first().waitFor(WAIT);
    await click('Open the school view as the DSL');
    const school = await hostedTab();
    const alert = school.getByTestId('school-alert').filter({ hasText: 'no member of staff' });
    await alert.waitFor(WAIT);
    await school.getByTestId('school-lesson').first().getByRole('link', { name: 'Join the lesson' }).waitFor(WAIT);
    await alert.getByRole('button', { name: "I'm dealing with it" }).click();
    await trail
      .getByTestId('alert-taken')
      .filter({ hasText: /^Mrs Fletcher is dealing with it/ })
      .first()
      .waitFor(WAIT);
  });

  it("end meeting for everyone: the register shows every pupil's minutes", async () => {
    await click('+5 min');
    await statusSays(/timers? fired/);
    await click('End meeting for everyone');
    await page.getByTestId('lesson-status').filter({ hasText: 'ended' }).waitFor(WAIT);
    const panel = await openPanel(/^Mr Osei/);
    const download = page.waitForEvent('download', WAIT);
    await panel.getByRole('button', { name: 'Download CSV' }).click();
    const csv = readFileSync((await (await download).path())!, 'utf8');
    const [header, ...rows] = csv
      .replace(/^\uFEFF/, '')
      .trim()
      .split(/\r?\n/);
    const minutesAt = cellsOf(header!).indexOf('Minutes present');
    assert.ok(minutesAt > 0, header);
    const minutes: Record<string, number> = Object.fromEntries(
      rows.map(cellsOf).map((cells) => [cells[1], Number(cells[minutesAt])]),
    );
    assert.deepEqual(Object.keys(minutes).sort(), ['Amira', 'Ben', 'Chloe']);
    for (const [pupil, m] of Object.entries(minutes)) assert.ok(m >= 7, `${pupil} was in the lesson for ${m} minutes`);
  });

  it('chat pane: a member of staff types "concern" and gets the form as a rendered Adaptive Card', async () => {
    await page.locator('#chat-person').selectOption({ label: 'Mr Osei (Teaching assistant)' });
    await page.getByRole('textbox', { name: 'Message to the bot' }).fill('concern');
    await page.getByRole('button', { name: 'Send', exact: true }).click();
    const card = page.locator('#chat li.bot .ac-adaptiveCard').last();
    await card.waitFor(WAIT);
    assert.ok((await card.locator('input, textarea, select').count()) > 0, 'the concern form has fields to fill in');
    await page.locator('#chat li.person').filter({ hasText: 'concern' }).waitFor(WAIT);
  });
});
