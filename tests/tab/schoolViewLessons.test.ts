import assert from 'node:assert/strict';
import { PEOPLE } from '../support/tabServer.js';
import { screenshotPath } from '../support/screenshots.js';
import { DSL, JOIN_URL, NEXT_POLL, useSchoolNow, WAIT } from './schoolNow.js';

describe('tab/school view: the whole school now, for the safeguarding team', function () {
  this.timeout(120_000);
  const { context, openSchool } = useSchoolNow();

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
    // More than an hour ahead: one line under "Later today", not a card.
    assert.deepEqual(await tab.getByTestId('school-later-lesson').allInnerTexts(), ['13:00 Year 2 phonics']);
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
      await tab.locator('main').screenshot({ path: screenshotPath(`school-view-${file}`) });
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

  it('tells a pupil kindly that the school view is for the safeguarding team', async () => {
    const { page, tab } = await openSchool(PEOPLE.pupil1);
    await tab.getByRole('heading', { name: 'This page is for the safeguarding team' }).waitFor(WAIT);
    await tab.getByText(/for the school's safeguarding team: the DSL, the deputies and senior leaders/).waitFor(WAIT);
    assert.equal(await tab.getByTestId('school-lesson').count(), 0, 'nothing about any lesson');
    await page.close();
  });

  it('gives a teacher not on the safeguarding team "Book a lesson" alone, and nothing about the school\'s lessons', async () => {
    const { page, tab } = await openSchool(PEOPLE.teacherB);
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    assert.equal(await tab.getByRole('tab').count(), 0, "none of the school view's sections");
    assert.equal(await tab.getByTestId('school-lesson').count(), 0, 'nothing about any lesson');
    for (const title of ['Year 5 maths', 'Year 3 art', 'Year 6 science', 'Year 4 reading'])
      assert.equal(await tab.getByText(title).count(), 0, `${title} is not shown`);
    await page.close();
  });
});
