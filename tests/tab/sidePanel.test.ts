import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import type { BrowserContext, Page } from 'playwright-core';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MEETING = 'MCMxOTptZWV0aW5nX1llYXI1/TWF0aHM+QHRocmVhZC52Mg==';
const SCREENSHOTS = 'docs/screenshots';
const WAIT = { timeout: 15_000 };
// The service's clock reads a Tuesday morning in term (10:12 in London), so screenshots show a normal lesson.
const SHIFT = Date.parse('2026-03-10T10:12:00Z') - Date.now();
const clock = { now: () => Date.now() + SHIFT };

let seq = 0;
const join = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: `b-join-${++seq}`,
  at,
  participant: p,
});
const leave = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantLeft',
  id: `b-leave-${++seq}`,
  at,
  participantId: p.id,
  teamsId: p.teamsId,
});

describe('tab/side panel in a simulated Teams host', function () {
  this.timeout(60_000);
  let app: TabTestServer;
  let context: BrowserContext;

  /** Opens the host page as `person` and returns the tab's frame once the tab has loaded. */
  const openPanel = (person: { id: string; name: string }, options: { theme?: string; page?: Page } = {}) =>
    openInTeamsHost(context, app.base, { person, meeting: MEETING, view: 'sidePanel', ...options });

  before(async () => {
    ensureTabBuilt();
    mkdirSync(SCREENSHOTS, { recursive: true });
    app = await startTabTestServer({ issuer: 'dev', tabDir: 'tab/dist', clock });
    const browser = await sharedBrowser();
    context = await browser.newContext({ viewport: { width: 760, height: 2000 } });
    // Offline CI: teams-js's origin list fetch from the CDN fails fast instead of waiting.
    await context.route(/^https:\/\//, (route) => route.abort());
    const start = clock.now() - 12 * 60_000;
    const key = lessonKey(MEETING);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'b-start',
      at: start,
      meetingType: 'Scheduled',
      title: 'Year 5 maths',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, start + 10_000));
    await app.applyEvent(key, join(PEOPLE.teacherB, start + 20_000));
    await app.applyEvent(key, join(PEOPLE.pupil1, start + 60_000));
    // Part-way through the lesson: some checks done, some still open (they show as alerts).
    const by = PEOPLE.teacherB.id;
    await app.applyEvent(key, {
      kind: 'checklistTicked',
      id: 'b-tick-1',
      at: start + 90_000,
      item: 'rolesAgreed',
      ticked: true,
      by,
    });
    await app.applyEvent(key, {
      kind: 'checklistTicked',
      id: 'b-tick-2',
      at: start + 95_000,
      item: 'recordingStarted',
      ticked: true,
      by,
    });
    await app.applyEvent(key, {
      kind: 'pupilCheckRecorded',
      id: 'b-check-1',
      at: start + 100_000,
      pupilId: PEOPLE.pupil1.id,
      check: 'consent',
      value: true,
      by,
    });
    await app.applyEvent(key, {
      kind: 'pupilCheckRecorded',
      id: 'b-check-2',
      at: start + 110_000,
      pupilId: PEOPLE.pupil1.id,
      check: 'communalRoom',
      value: true,
      by,
    });
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  it('renders the side panel for a teacher inside the host: timer, staff and pupils', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA);
    await tab.getByText('Year 5 maths').waitFor(WAIT);
    await tab.getByTestId('staff-count').getByText('Staff 2 of 2').waitFor(WAIT);
    await tab.getByTestId('pupil-count').getByText('Pupils 1').waitFor(WAIT);
    await tab.getByText(/elapsed/).waitFor(WAIT);
    await tab.getByRole('group', { name: 'Register for Pupil One' }).waitFor(WAIT);
    await page.locator('aside').screenshot({ path: `${SCREENSHOTS}/side-panel.png` });
    await page.close();
  });

  it('updates the panel when pupils join and leave', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA);
    await tab.getByTestId('pupil-count').getByText('Pupils 1').waitFor(WAIT);
    await app.applyEvent(lessonKey(MEETING), join(PEOPLE.pupil2, clock.now()));
    await tab.getByTestId('pupil-count').getByText('Pupils 2').waitFor(WAIT);
    await tab
      .getByTestId('timeline')
      .getByText(/Pupil Two \(pupil\) joined/)
      .waitFor(WAIT);
    await app.applyEvent(lessonKey(MEETING), leave(PEOPLE.pupil2, clock.now() + 1));
    await tab.getByTestId('pupil-count').getByText('Pupils 1').waitFor(WAIT);
    await tab
      .getByTestId('timeline')
      .getByText(/Pupil Two \(pupil\) left/)
      .waitFor(WAIT);
    await page.close();
  });

  it('shows a checklist tick by one teacher to the other', async () => {
    const adams = await openPanel(PEOPLE.teacherA);
    const brown = await openPanel(PEOPLE.teacherB);
    await adams.tab.getByRole('checkbox', { name: 'Expectations read out to pupils' }).click(WAIT);
    await brown.tab.getByText('Ticked by Ms Adams', { exact: false }).waitFor(WAIT);
    assert.equal(await brown.tab.getByRole('checkbox', { name: 'Expectations read out to pupils' }).isChecked(), true);
    await brown.tab
      .getByRole('toolbar', { name: 'Parent/carer in the room for Pupil One' })
      .getByRole('radio', { name: 'Yes' })
      .click();
    await adams.tab
      .getByRole('toolbar', { name: 'Parent/carer in the room for Pupil One' })
      .getByRole('radio', { name: 'Yes', checked: true })
      .waitFor(WAIT);
    await adams.page.close();
    await brown.page.close();
  });

  it('follows the Teams theme, including a change while open', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA, { theme: 'dark' });
    await tab.locator('[data-theme="dark"]').waitFor(WAIT);
    await tab.getByText('Year 5 maths').waitFor(WAIT);
    await page.locator('aside').screenshot({ path: `${SCREENSHOTS}/side-panel-dark.png` });
    await page.getByRole('button', { name: 'High contrast' }).click();
    await tab.locator('[data-theme="contrast"]').waitFor(WAIT);
    await page.close();
  });

  it('reports a breach after a confirmation and then says to end the meeting for everyone', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherB);
    await tab.getByRole('button', { name: 'Report a breach' }).click(WAIT);
    await tab.getByRole('dialog').getByRole('button', { name: 'Report breach' }).click(WAIT);
    // No DSL is set up in this school: the panel never claims one was told.
    await tab
      .getByText('Breach reported. Chaperone has no DSL to send it to: tell your DSL in person or by phone now.')
      .waitFor(WAIT);
    await tab
      .getByRole('alert')
      .getByText(/"End meeting"/)
      .waitFor(WAIT);
    const events = await app.meetings.listEvents(lessonKey(MEETING));
    assert.equal(events.filter((e) => e.kind === 'breachReported' && e.by === PEOPLE.teacherB.id).length, 1);

    // Someone presses "I'm dealing with it": the receipt and the alert say who, and when (10:13 in London).
    const breach = Object.values((await app.meetings.load(lessonKey(MEETING)))!.alerts).find(
      (t) => t.finding.ruleId === 'breach',
    );
    assert.ok(breach?.raisedAt !== undefined, 'the breach is raised');
    const at = Date.parse('2026-03-10T10:13:00Z');
    const { key: findingKey } = breach.finding;
    await app.applyEvent(lessonKey(MEETING), {
      kind: 'alertAcknowledged',
      id: 'b-ack',
      at,
      findingKey,
      raisedAt: breach.raisedAt,
      by: 'dsl-1',
      byName: 'Mrs Fletcher',
    });
    await tab
      .getByTestId('breach-receipt')
      .getByText('Breach reported. Mrs Fletcher is dealing with it, 10:13.')
      .waitFor(WAIT);
    await tab
      .getByRole('region', { name: 'Policy alerts' })
      .getByText(/Mrs Fletcher is dealing with it, 10:13\./)
      .waitFor(WAIT);
    await page.close();
  });

  it('offers the configuration page Teams shows when the tab is added, and saves the content URL on Save', async () => {
    const page = await context.newPage();
    const query = new URLSearchParams({
      user: PEOPLE.teacherA.id,
      name: PEOPLE.teacherA.name,
      meeting: MEETING,
      context: 'config',
    });
    await page.goto(`${app.base}/dev/host?${query}`);
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab);
    await tab.getByText('Add Chaperone to this lesson').waitFor(WAIT);
    // Teams keeps Save disabled until the page says it is valid.
    const save = page.getByRole('button', { name: 'Save', exact: true });
    await page.waitForFunction(
      () => !(document.getElementById('host-save') as HTMLButtonElement).disabled,
      undefined,
      WAIT,
    );
    await save.click();
    await page.locator('#host-config').getByText('Tab saved:').waitFor(WAIT);
    const saved = JSON.parse((await page.locator('#host-config').textContent())!.replace('Tab saved: ', '')) as Record<
      string,
      string
    >;
    assert.deepEqual(saved, {
      entityId: 'chaperone-lesson',
      contentUrl: `${app.base}/tab/index.html`,
      websiteUrl: `${app.base}/tab/index.html`,
      suggestedDisplayName: 'Chaperone',
    });
    await page.close();
  });

  it('opens the saved content URL as the side panel when Teams reports the side panel frame context', async () => {
    const page = await context.newPage();
    const query = new URLSearchParams({
      user: PEOPLE.teacherA.id,
      name: PEOPLE.teacherA.name,
      meeting: MEETING,
      context: 'sidePanel',
    });
    await page.goto(`${app.base}/dev/host?${query}`);
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab);
    await tab.goto(`${app.base}/tab/index.html`);
    await tab.getByTestId('staff-count').waitFor(WAIT);
    await page.close();
  });

  it('shows a pupil the friendly staff-only page and no lesson data', async () => {
    const { page, tab } = await openPanel(PEOPLE.pupil1);
    await tab.getByText('This panel is for staff only').waitFor(WAIT);
    assert.equal(await tab.getByText('Year 5 maths').count(), 0);
    await page.close();
  });

  it('says to open it in Teams when loaded in a plain browser tab', async () => {
    const page = await context.newPage();
    await page.goto(`${app.base}/tab/?context=sidePanel`);
    await page.getByText('Open this in Microsoft Teams').waitFor(WAIT);
    await page.close();
  });
});
