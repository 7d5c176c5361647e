import { screenshotPath } from '../support/screenshots.js';
import { chooseInTeams, fill, GOOD, SECOND_ADULT, TEACHER, useBookLesson, WAIT } from './bookLesson.js';

describe('tab/book a lesson in Teams light, dark and high contrast (screenshots for the docs, real service)', function () {
  this.timeout(120_000);
  const { openTab } = useBookLesson();

  for (const [theme, file] of [
    ['default', 'light'],
    ['dark', 'dark'],
    ['contrast', 'high-contrast'],
  ] as const)
    it(`shows the form with the second adult chosen in Teams and a rule's problem beside its field (${file})`, async () => {
      const opened = await openTab(TEACHER, { theme });
      await opened.tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
      await fill(opened.tab, { ...GOOD, minutes: '30' });
      await chooseInTeams(opened, SECOND_ADULT);
      await opened.tab.getByText('This lesson would last 30 minutes.', { exact: false }).waitFor(WAIT);
      await opened.tab.locator('main').screenshot({ path: screenshotPath(`book-a-lesson-${file}`) });
      await opened.page.close();
    });
});
