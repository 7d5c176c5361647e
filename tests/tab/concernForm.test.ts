import assert from 'node:assert/strict';
import type { BrowserContext, Frame, Page } from 'playwright-core';
import type { FeedEntry } from '../../bot/src/dev/simulator/feed.js';
import { LOCAL_AUTH } from '../../bot/src/runtime/localAuth.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, sharedBrowser } from '../support/browser.js';
import { PEOPLE, personPath, startSimService, type SimService } from '../dev/simService.js';

const WAIT = { timeout: 15_000 };

/**
 * The side panel's "Log a concern" against the service as `npm start` wires it (the real
 * `/api/concerns`, concern store on Azurite, DSL alert through the fake connector).
 */
describe('tab/concern form in the side panel, end to end', function () {
  this.timeout(60_000);
  let sim: SimService;
  let context: BrowserContext;
  let meetingId: string;

  async function openPanel(personId: string, name: string): Promise<{ page: Page; tab: Frame }> {
    const page = await context.newPage();
    await page.goto(
      `${sim.url}/dev/host?${new URLSearchParams({ user: personId, name, meeting: meetingId, context: 'sidePanel' })}`,
    );
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab, 'the host embeds the tab');
    await tab.getByRole('button', { name: 'Log a concern' }).waitFor(WAIT);
    return { page, tab };
  }

  const messagesToDsl = async () => {
    const { body } = await sim.call<{ entries: FeedEntry[] }>('GET', '/dev/api/feed?after=-1');
    return body.entries.filter((e) => e.kind === 'message' && e.recipients.some((r) => r.name === 'Mrs Fletcher'));
  };

  before(async () => {
    ensureTabBuilt();
    // Real time: the form's "when it happened" defaults to the browser's clock, which the server checks against its
    // own.
    sim = await startSimService();
    ({ meetingId } = (
      await sim.call<{ meetingId: string }>('POST', '/dev/api/lessons', {
        title: 'Year 5 science',
        kind: 'Scheduled',
        organizerId: PEOPLE.khan,
        startsInMinutes: 0,
      })
    ).body);
    for (const person of [PEOPLE.khan, PEOPLE.osei, PEOPLE.amira, PEOPLE.ben]) {
      assert.equal((await sim.call('POST', personPath(meetingId, person, 'join'), {})).status, 200);
    }
    const browser = await sharedBrowser();
    context = await browser.newContext({ viewport: { width: 760, height: 1600 } });
    // Offline: teams-js's CDN fetch fails at once instead of waiting.
    await context.route(/^https:\/\//, (route) => route.abort());
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await sim?.stop();
  });

  it("shows the server's message beside each field that needs another look, and logs nothing", async () => {
    const { page, tab } = await openPanel(PEOPLE.khan, 'Ms Khan');
    await tab.getByRole('button', { name: 'Log a concern' }).click();
    const form = tab.getByRole('form', { name: 'Log a safeguarding concern' });
    await form.getByRole('button', { name: 'Send to the safeguarding team' }).click();
    await form.getByText("Enter the pupil's name (first name and surname if you know it).").waitFor(WAIT);
    await form.getByText('Describe what you saw or heard, in your own words.').waitFor(WAIT);
    await form.getByText(/Say what you have done so far/).waitFor(WAIT);
    assert.equal(await form.getByLabel("Pupil's name").getAttribute('aria-invalid'), 'true');
    assert.equal((await sim.core.concerns.list(LOCAL_AUTH.tenantId, { status: 'all' })).concerns.length, 0);
    await page.close();
  });

  it('logs a concern for a pupil picked from the register, shows the reference once, and alerts the DSL with a content-light preview', async () => {
    const before = (await messagesToDsl()).length;
    const { page, tab } = await openPanel(PEOPLE.osei, 'Mr Osei');
    await tab.getByRole('button', { name: 'Log a concern' }).click();
    const form = tab.getByRole('form', { name: 'Log a safeguarding concern' });
    await form.getByLabel("Pick a pupil from this lesson's register").selectOption('Amira');
    assert.equal(await form.getByLabel("Pupil's name").inputValue(), 'Amira');
    await form.getByLabel('What you saw or heard, in your own words').fill('A made-up concern for the test.');
    await form.getByLabel('What you have done so far').fill('None yet');
    // Two presses in quick succession: one request id, so one concern.
    const send = form.getByRole('button', { name: 'Send to the safeguarding team' });
    await send.dblclick();
    const ref = await tab.getByTestId('concern-ref').textContent(WAIT);
    assert.match(ref ?? '', /^C-[A-Z0-9]+$/);
    await tab.getByText('Concern logged.').waitFor(WAIT);

    const { concerns } = await sim.core.concerns.list(LOCAL_AUTH.tenantId, { status: 'all' });
    assert.deepEqual(
      concerns.map((c) => c.ref),
      [ref],
    );
    const raised = concerns[0]!.entries[0]!;
    assert.ok(raised.kind === 'raised');
    assert.equal(raised.details.pupilName, 'Amira');
    const startedAt = (await sim.core.meetings.load({ tenantId: LOCAL_AUTH.tenantId, meetingId }))?.state.startedAt;
    assert.ok(startedAt !== undefined);
    assert.deepEqual(
      raised.details.lesson,
      { meetingId, title: 'Year 5 science', startedAt },
      "linked to the lesson, with its start from the school's records",
    );
    assert.equal(raised.by.aadObjectId, PEOPLE.osei);

    let alerts: FeedEntry[] = [];
    for (let i = 0; i < 50 && alerts.length <= before; i++) {
      alerts = await messagesToDsl();
      if (alerts.length <= before) await new Promise((resolve) => setTimeout(resolve, 100));
    }
    assert.equal(alerts.length, before + 1, 'the DSL was told once');
    const alert = alerts.at(-1)!;
    assert.match(alert.summary, new RegExp(ref!));
    assert.doesNotMatch(alert.summary, /Amira|made-up concern/, 'the preview (a phone may show it) is content-light');

    await tab.getByRole('button', { name: 'Close' }).click();
    await tab.getByRole('dialog').waitFor({ state: 'detached', ...WAIT });
    await page.close();
  });
});
