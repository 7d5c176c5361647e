import assert from 'node:assert/strict';
import { openInTeamsHost } from '../support/browser.js';
import { PEOPLE } from '../support/tabServer.js';
import { FORM_NOT_LOADED, PART_NOT_LOADED } from '../../tab/src/components/loadWords.js';
import { MEETING, useSidePanelLesson, WAIT } from './sidePanelLesson.js';

// The built tab's chunks are named after the module they start from (tab/vite.config.ts keeps Vite's default names).
const CONCERN_FORM_CHUNK = /\/tab\/assets\/ConcernForm-[^/]+\.js$/;
const DETAILS_CHUNK = /\/tab\/assets\/DetailsTab-[^/]+\.js$/;

describe('tab/code fetched on demand that cannot be fetched (a school network dropping a request)', function () {
  this.timeout(60_000);
  const { app, context } = useSidePanelLesson();

  it('"Log a concern" says the form could not be loaded and what to do instead, and opens no empty dialog', async () => {
    const page = await context.newPage();
    await page.route(CONCERN_FORM_CHUNK, (route) => route.abort('connectionreset'));
    const { tab } = await openInTeamsHost(context, app.base, {
      person: PEOPLE.teacherA,
      meeting: MEETING,
      view: 'sidePanel',
      page,
    });
    const logConcern = tab.getByRole('button', { name: 'Log a concern' });
    await logConcern.click(WAIT);
    await tab.getByRole('alert').filter({ hasText: FORM_NOT_LOADED }).waitFor(WAIT);
    assert.equal(await tab.getByRole('dialog').count(), 0, 'no empty dialog opens');
    // The rest of the panel is still there: "Report a breach" never depended on that fetch.
    await tab.getByRole('button', { name: 'Report a breach' }).click(WAIT);
    await tab.getByRole('dialog').getByRole('button', { name: 'Report breach' }).waitFor(WAIT);

    await page.close();
  });

  it('a view loaded on demand that cannot be fetched says so in a sentence, not a blank tab', async () => {
    const page = await context.newPage();
    await page.route(DETAILS_CHUNK, (route) => route.abort('connectionreset'));
    const { tab } = await openInTeamsHost(context, app.base, {
      person: PEOPLE.teacherA,
      meeting: MEETING,
      view: 'details',
      page,
    });
    await tab.getByRole('alert').filter({ hasText: PART_NOT_LOADED }).waitFor(WAIT);
    await page.close();
  });
});
