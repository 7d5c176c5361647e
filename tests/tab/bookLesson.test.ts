import assert from 'node:assert/strict';
import { PEOPLE } from '../support/tabServer.js';
import { DSL, fieldText, fill, GOOD, TEACHER, useBookLesson, WAIT } from './bookLesson.js';

describe('tab/book a lesson: the form in the personal tab, checked as the teacher types', function () {
  this.timeout(120_000);
  const { stub, openTab } = useBookLesson();

  it('a teacher not on the safeguarding team gets only "Book a lesson", with the rules beside the fields, and books once', async () => {
    const { page, tab } = await openTab(TEACHER);
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    assert.equal(await tab.getByText('This page is for the safeguarding team').count(), 0, 'no refusal page');
    assert.match(await fieldText(tab, 'Day'), /Lessons are booked at least 48 hours ahead\. They run between 09:00/);
    assert.match(await fieldText(tab, 'Length in minutes'), /Lessons with pupils last at most 20 minutes\./);
    await fill(tab, GOOD);
    // Two presses before the page can redraw: the second finds the first one's booking.
    await tab.evaluate(() => {
      const form = document.querySelector<HTMLFormElement>('form[aria-label="Book a lesson"]')!;
      form.requestSubmit();
      form.requestSubmit();
    });
    const receipt = tab.getByTestId('booking-receipt');
    await receipt.waitFor(WAIT);
    assert.match(
      await receipt.innerText(),
      /Booked: Year 5 maths, Wednesday 6 March, 10:00\.\s*Mr Brown is invited\. 2 pupils are invited\. Chaperone is telling the senior team about it\./,
    );
    assert.equal(stub.sent.length, 1, 'one booking request');
    const { clientRequestId, ...form } = stub.sent[0]!.body;
    assert.match(clientRequestId, /^[A-Za-z0-9-]{8,64}$/);
    assert.deepEqual(form, {
      title: 'Year 5 maths',
      start: '2024-03-06T10:00:00.000Z',
      durationMinutes: 20,
      pupils: ['pupil.one@pupils.example', 'pupil.two@pupils.example'],
      otherStaff: [{ name: 'Mr Brown', email: 'b.brown@school.example' }],
    });
    await page.close();
  });

  it("shows the school's rules a lesson breaks next to their fields as the teacher types, and books nothing", async () => {
    const { page, tab } = await openTab(TEACHER);
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    await fill(tab, { ...GOOD, day: '2024-03-05', minutes: '45' });
    await tab.getByText('This lesson would last 45 minutes.', { exact: false }).waitFor(WAIT);
    assert.match(
      await fieldText(tab, 'Day'),
      /This lesson starts too soon\. The school books lessons at least 48 hours/,
    );
    assert.match(
      await fieldText(tab, 'Length in minutes'),
      /Lessons with pupils last at most 20 minutes; choose a shorter/,
    );
    assert.equal(stub.sent.length, 0, 'checking books nothing');
    await tab.getByRole('button', { name: 'Book' }).click();
    const failure = tab.getByTestId('booking-failure');
    await failure.waitFor(WAIT);
    assert.match(await failure.innerText(), /Nothing was booked\.\s*This lesson does not meet the school's rules yet/);
    assert.equal(await tab.getByTestId('booking-receipt').count(), 0, 'no receipt');
    await fill(tab, { day: GOOD.day, minutes: GOOD.minutes });
    await tab.getByText('This lesson would last', { exact: false }).waitFor({ state: 'detached', ...WAIT });
    assert.doesNotMatch(await fieldText(tab, 'Day'), /too soon/);
    await page.close();
  });

  it('is the fifth section of the school view for the safeguarding team; a pupil still gets the refusal', async () => {
    const { page, tab } = await openTab(DSL);
    await tab.getByRole('tab', { name: 'Book a lesson' }).click(WAIT);
    assert.deepEqual(await tab.getByRole('tab').allInnerTexts(), [
      'Now',
      'Concerns',
      'Lessons',
      'This week',
      'Book a lesson',
    ]);
    await tab.getByRole('button', { name: 'Book' }).waitFor(WAIT);
    await page.close();
    const pupil = await openTab(PEOPLE.pupil1);
    await pupil.tab.getByRole('heading', { name: 'This page is for the safeguarding team' }).waitFor(WAIT);
    assert.equal(await pupil.tab.getByRole('button', { name: 'Book' }).count(), 0);
    await pupil.page.close();
  });
});
