import { SCREENSHOTS } from './schoolNow.js';
import { fill, GOOD, TEACHER, useBookLesson, WAIT } from './bookLesson.js';

describe('tab/book a lesson in Teams light, dark and high contrast (screenshots for the docs)', function () {
  this.timeout(120_000);
  const { openTab } = useBookLesson();

  for (const [theme, file] of [
    ['default', 'light'],
    ['dark', 'dark'],
    ['contrast', 'high-contrast'],
  ] as const)
    it(`shows the form with a rule's problem beside its field (${file})`, async () => {
      const { page, tab } = await openTab(TEACHER, { theme });
      await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
      await fill(tab, { ...GOOD, minutes: '30' });
      await tab.getByText('This lesson would last 30 minutes.', { exact: false }).waitFor(WAIT);
      await tab.locator('main').screenshot({ path: `${SCREENSHOTS}/book-a-lesson-${file}.png` });
      await page.close();
    });
});
