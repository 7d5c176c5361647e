import assert from 'node:assert/strict';
import { PEOPLE } from '../support/tabServer.js';
import { MEETING, useSidePanelLesson, WAIT } from './sidePanelLesson.js';

describe('tab/side panel in a simulated Teams host', function () {
  this.timeout(60_000);
  const { app, context, openPanel } = useSidePanelLesson();

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
