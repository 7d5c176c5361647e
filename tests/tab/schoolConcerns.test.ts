import assert from 'node:assert/strict';
import { randomUUID } from 'node:crypto';
import type { BrowserContext } from 'playwright-core';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { formInput } from '../app/concerns/fixtures.js';
import { lessonActivities } from '../support/activities.js';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { startFakeConnector, type RunningFakeConnector } from '../support/fakeConnector.js';
import { postActivity } from '../support/serviceHarness.js';
import { screenshotPath } from '../support/screenshots.js';
import { PEOPLE, SCHOOL_TENANT, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MIN = 60_000;
// 10:00 in London (GMT in March), a Tuesday.
const T0 = Date.parse('2026-03-10T10:00:00Z');
const WAIT = { timeout: 15_000 };
const DSL = { id: 'cccccccc-0000-4000-8000-000000000001', name: 'Mrs Fletcher' };
const DEPUTY = { id: 'cccccccc-0000-4000-8000-000000000002', name: 'Mr Novak' };

describe('tab/school view: the DSL concern queue (filter, open, acknowledge)', function () {
  this.timeout(120_000);
  let app: TabTestServer;
  let connector: RunningFakeConnector;
  let context: BrowserContext;
  let now = T0;
  const refs: string[] = [];

  /** A concern logged by a teacher through the service's own form endpoint, a minute after the last. */
  async function logConcern(person: { id: string; name: string }, fields: Record<string, unknown>): Promise<string> {
    const res = await fetch(`${app.base}/api/concerns`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await app.token(person)}`, 'content-type': 'application/json' },
      body: JSON.stringify(formInput({ clientRequestId: randomUUID(), happenedAt: now - MIN, ...fields })),
    });
    assert.equal(res.status, 201);
    now += MIN;
    return ((await res.json()) as { ref: string }).ref;
  }

  /** The school view as a personal tab, on its "Concerns" tab. */
  async function openConcerns(person: { id: string; name: string }) {
    const { page } = await openInTeamsHost(context, app.base, { person, meeting: '', view: 'content' });
    await page.evaluate(() => {
      (document.getElementById('tab') as HTMLIFrameElement).src = '/tab/index.html?context=school';
    });
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab, 'the host embeds the tab in an iframe');
    await tab.getByRole('tab', { name: 'Concerns' }).click(WAIT);
    return { page, tab };
  }

  before(async () => {
    ensureTabBuilt();
    connector = await startFakeConnector();
    app = await startTabTestServer({
      issuer: 'dev',
      tabDir: 'tab/dist',
      clock: { now: () => now },
      staffList: {
        staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, DSL.id, DEPUTY.id],
        dsl: [DSL.id],
        deputies: [DEPUTY.id],
      },
    });
    context = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1400 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    // Tells the service where this school's Teams is, so the reporter's update can be sent.
    const where = lessonActivities({ tenantId: SCHOOL_TENANT, meetingId: 'concerns-tab', serviceUrl: connector.url });
    assert.equal(await postActivity(app.base, where.start(now)), 200);
    const maths = { meetingId: 'concerns-tab-maths', meetingTitle: 'Year 5 maths' };
    refs.push(await logConcern(PEOPLE.teacherA, { pupilName: 'Amira Khan', urgency: 'routine', ...maths }));
    refs.push(await logConcern(PEOPLE.teacherB, { pupilName: 'Ben Osei', category: 'online-safety' }));
    refs.push(await logConcern(PEOPLE.teacherA, { pupilName: 'Chloe Day', category: 'emotional', urgency: 'routine' }));
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
    await connector?.stop();
  });

  it('shows the queue urgent first, filters by pupil, opens a concern and acknowledges it (screenshot)', async () => {
    const { page, tab } = await openConcerns(DSL);
    const rows = tab.getByTestId('concern-row');
    await rows.nth(2).waitFor(WAIT);
    assert.deepEqual(await rows.locator('h3').allInnerTexts(), [
      'Ben Osei: Online safety',
      'Amira Khan: Disclosure (the pupil told someone)',
      'Chloe Day: Emotional harm',
    ]);
    const amira = rows.filter({ hasText: 'Amira Khan' });
    assert.match(await amira.innerText(), /Not acknowledged yet/);
    assert.match(await amira.innerText(), /Logged Tue 10 Mar, 10:00 by Ms Adams, from "Year 5 maths"/);
    await page.setViewportSize({ width: 760, height: 1600 });
    await page.addStyleTag({ content: 'main { display: none } aside { grid-column: 1 / 3 }' });
    await tab.locator('main').screenshot({ path: screenshotPath('school-concerns') });

    await tab.getByRole('searchbox', { name: 'Pupil' }).fill('amira');
    await rows.filter({ hasText: 'Ben Osei' }).waitFor({ state: 'detached', ...WAIT });
    assert.equal(await rows.count(), 1);
    await amira.getByRole('button', { name: `Open ${refs[0]}` }).click();

    const detail = tab.getByTestId('concern-detail');
    await detail.getByRole('heading', { name: 'Amira Khan: Disclosure (the pupil told someone)' }).waitFor(WAIT);
    const chronology = detail.getByTestId('concern-chronology');
    assert.match(await chronology.innerText(), /Concern raised\s+2026-03-10 10:00 GMT, Ms Adams/);
    assert.match(await chronology.innerText(), /Said something worrying about home/);
    await detail.getByRole('button', { name: 'Acknowledge' }).click();
    await detail.getByTestId('concern-acknowledged').waitFor(WAIT);
    await chronology.getByText('Acknowledged by DSL').waitFor(WAIT);
    assert.match(await detail.getByTestId('concern-standing').innerText(), /^Acknowledged by Mrs Fletcher, Tue 10 Mar/);
    const stored = await app.core.concerns.get(SCHOOL_TENANT, refs[0]!);
    assert.deepEqual(
      stored?.entries.map((e) => [e.kind, e.by.name]),
      [
        ['raised', 'Ms Adams'],
        ['acknowledged', DSL.name],
      ],
      'the service recorded it',
    );

    await detail.getByRole('button', { name: 'Back to the concerns' }).click();
    await amira.getByText('Not acknowledged yet').waitFor({ state: 'detached', ...WAIT });
    await page.close();
  });

  it('tells a deputy that only the DSL sees concerns, and shows none', async () => {
    const { page, tab } = await openConcerns(DEPUTY);
    await tab.getByText(/^Only the Designated Safeguarding Lead sees the school's safeguarding concerns/).waitFor(WAIT);
    assert.equal(await tab.getByTestId('concern-row').count(), 0);
    await page.close();
  });
});
