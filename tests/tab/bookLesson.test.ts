import assert from 'node:assert/strict';
import { postedMessages } from '../support/connectorReads.js';
import { PEOPLE } from '../support/tabServer.js';
import {
  chooseInTeams,
  DSL,
  eventsCreated,
  fieldText,
  fill,
  GOOD,
  PUPIL_IN_PICKER,
  SECOND_ADULT,
  TEACHER,
  useBookLesson,
  WAIT,
} from './bookLesson.js';

describe('tab/book a lesson: the form in the personal tab on the real service (fake Graph and Teams)', function () {
  this.timeout(120_000);
  const { graph, teams, openTab } = useBookLesson();

  it('a teacher not on the safeguarding team gets only "Book a lesson", picks the second adult in Teams, and a double click books once', async () => {
    const opened = await openTab(TEACHER);
    const { page, tab } = opened;
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    assert.equal(await tab.getByText('This page is for the safeguarding team').count(), 0, 'no refusal page');
    assert.match(await fieldText(tab, 'Day'), /Lessons are booked at least 48 hours ahead\. They run between 09:00/);
    assert.match(await fieldText(tab, 'Length in minutes'), /Lessons with pupils last at most 20 minutes\./);
    await fill(tab, GOOD);
    await chooseInTeams(opened, SECOND_ADULT);
    assert.equal(await tab.getByLabel('Second member of staff').inputValue(), 'Mr Brown (b.brown@school.example)');
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
    assert.equal(opened.sent.length, 1, 'one booking request');
    const { clientRequestId, ...form } = opened.sent[0]!;
    assert.match(String(clientRequestId), /^[A-Za-z0-9-]{8,64}$/);
    assert.deepEqual(form, {
      title: 'Year 5 maths',
      start: '2024-03-06T10:00:00.000Z',
      durationMinutes: 20,
      pupils: ['pupil.one@pupils.example', 'pupil.two@pupils.example'],
      otherStaff: [{ aadObjectId: SECOND_ADULT.objectId, name: 'Mr Brown', email: 'b.brown@school.example' }],
    });
    const [event, ...more] = eventsCreated(graph);
    assert.deepEqual(more, [], 'one event in the fake Graph');
    assert.equal(event!.user, TEACHER.id, "in the teacher's own calendar");
    const invited = (event!.body as { attendees: Array<{ emailAddress: { address: string } }> }).attendees;
    assert.deepEqual(invited.map((a) => a.emailAddress.address).sort(), [
      'b.brown@school.example',
      'pupil.one@pupils.example',
      'pupil.two@pupils.example',
    ]);
    assert.deepEqual(
      postedMessages(teams).map((m) => m.text),
      ['Lesson booked: Year 5 maths'],
      'the senior team is sent one card',
    );
    await page.close();
  });

  it("shows the school's rules a lesson breaks next to their fields as the teacher types, and books nothing", async () => {
    const { page, tab, sent } = await openTab(TEACHER);
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
    assert.match(await fieldText(tab, 'Second member of staff'), /another member of staff/);
    assert.equal(sent.length, 0, 'checking books nothing');
    await tab.getByRole('button', { name: 'Book' }).click();
    const failure = tab.getByTestId('booking-failure');
    await failure.waitFor(WAIT);
    assert.match(await failure.innerText(), /Nothing was booked\.\s*This lesson does not meet the school's rules yet/);
    assert.equal(await tab.getByTestId('booking-receipt').count(), 0, 'no receipt');
    await fill(tab, { day: GOOD.day, minutes: GOOD.minutes });
    await tab.getByText('This lesson would last', { exact: false }).waitFor({ state: 'detached', ...WAIT });
    assert.doesNotMatch(await fieldText(tab, 'Day'), /too soon/);
    assert.deepEqual(eventsCreated(graph), [], 'nothing in the fake Graph');
    await page.close();
  });

  it('a pupil chosen in the picker as the second adult: the reason beside the field, and nothing booked', async () => {
    const opened = await openTab(TEACHER);
    await opened.tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    await fill(opened.tab, GOOD);
    await chooseInTeams(opened, PUPIL_IN_PICKER);
    await opened.tab.getByText('never a pupil or a guest', { exact: false }).waitFor(WAIT);
    assert.match(await fieldText(opened.tab, 'Second member of staff'), /never a pupil or a guest/);
    await opened.tab.getByRole('button', { name: 'Book' }).click();
    await opened.tab.getByTestId('booking-failure').waitFor(WAIT);
    assert.deepEqual(eventsCreated(graph), [], 'nothing in the fake Graph');
    await opened.page.close();
  });

  it('in a Teams host without the people picker, says in one sentence that the second adult is chosen in Teams', async () => {
    const { page, tab } = await openTab(TEACHER, { withoutPicker: true });
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    assert.equal(
      await tab.getByTestId('staff-in-teams').innerText(),
      'The second member of staff is chosen in Microsoft Teams, so open Chaperone in Teams to book this lesson.',
    );
    assert.equal(await tab.getByRole('button', { name: 'Choose in Teams' }).count(), 0);
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
