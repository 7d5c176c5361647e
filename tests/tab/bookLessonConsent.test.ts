import assert from 'node:assert/strict';
import { fill, GOOD, TEACHER, useBookLesson, WAIT } from './bookLesson.js';

const CONSENT = {
  status: 401,
  body: {
    error: {
      code: 'consentRequired',
      message:
        'Chaperone needs your permission to add lessons to your calendar; approve it in the window Teams shows, then book again.',
    },
  },
};
const FOR_IT =
  "Grant admin consent for the Chaperone tab app's delegated Microsoft Graph permission OnlineMeetings.ReadWrite in Microsoft Entra admin center (Enterprise applications, Chaperone, Permissions).";

describe('tab/book a lesson: Microsoft asks for permission, or the school has not granted it', function () {
  this.timeout(120_000);
  const { stub, openTab } = useBookLesson();

  it("shows Teams' consent prompt, then sends the same request again and books once", async () => {
    stub.script.push(CONSENT);
    const { page, tab, prompts } = await openTab(TEACHER);
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    await fill(tab, GOOD);
    await tab.getByRole('button', { name: 'Book' }).click();
    await tab.getByTestId('booking-receipt').waitFor(WAIT);
    const [url, ...more] = await prompts();
    assert.match(url ?? '', /^https:\/\/127\.0\.0\.1:\d+\/auth-start\.html$/);
    assert.deepEqual(more, [], 'one consent prompt');
    assert.equal(stub.sent.length, 2, 'refused once, then sent again');
    assert.deepEqual(stub.sent[1]!.body, stub.sent[0]!.body, 'the same request, with the same request id');
    await page.close();
  });

  it('says nothing was booked when the teacher closes the consent window', async () => {
    stub.script.push(CONSENT);
    const { page, tab, prompts } = await openTab(TEACHER, { approve: false });
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    await fill(tab, GOOD);
    await tab.getByRole('button', { name: 'Book' }).click();
    const failure = tab.getByTestId('booking-failure');
    await failure.waitFor(WAIT);
    assert.match(
      await failure.innerText(),
      /Nothing was booked\.\s*Chaperone needs your permission.*Press Book to see it again\./s,
    );
    assert.equal((await prompts()).length, 1);
    assert.equal(stub.sent.length, 1, 'not sent again without permission');
    await page.close();
  });

  it('a permission the school has not granted: one sentence for the teacher, one to pass on to IT', async () => {
    const message =
      'Your school has not yet allowed Chaperone to book lessons for you; ask your IT team, and book this lesson in Teams for now.';
    stub.script.push({ status: 403, body: { error: { code: 'notGranted', message, forIt: FOR_IT } } });
    const { page, tab } = await openTab(TEACHER);
    await tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    await fill(tab, GOOD);
    await tab.getByRole('button', { name: 'Book' }).click();
    await tab.getByTestId('booking-failure').waitFor(WAIT);
    assert.equal(await tab.getByTestId('booking-failure').innerText(), `Nothing was booked.${message}`);
    assert.equal(await tab.getByTestId('booking-for-it').innerText(), `Tell your IT team:${FOR_IT}`);
    assert.equal(await tab.getByTestId('booking-receipt').count(), 0, 'no receipt');
    await page.close();
  });
});
