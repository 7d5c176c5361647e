import assert from 'node:assert/strict';
import type { Frame } from 'playwright-core';
import { DelegatedAccessError } from '../../bot/src/app/booking/ports.js';
import { personalConversationId } from '../../bot/src/dev/connector/fakeConnector.js';
import { graphError } from '../support/fakeGraphBooking.js';
import { postedMessages } from '../support/connectorReads.js';
import { screenshotPath } from '../support/screenshots.js';
import {
  chooseInTeams,
  fill,
  GOOD,
  SECOND_ADULT,
  SENIOR,
  TEACHER,
  useBookLesson,
  WAIT,
  type OpenTab,
} from './bookLesson.js';

/** The booked lesson titled `title` in "Your booked lessons". */
const lesson = (tab: Frame, title: string) => tab.getByTestId('booked-lesson').filter({ hasText: title });

/** The text of the field labelled `label` in the open dialog (its hint and problem included). */
const dialogField = (tab: Frame, label: RegExp) =>
  tab
    .getByRole('dialog')
    .locator('.fui-Field')
    .filter({ has: tab.getByLabel(label) })
    .innerText();

const unavailable = { ...graphError(503, 'ServiceUnavailable'), headers: { 'Retry-After': '0' } };

describe('tab/your booked lessons: cancel and move from the personal tab on the real service (fake Graph and Teams)', function () {
  this.timeout(180_000);
  const { app, graph, teams, forUser, openTab } = useBookLesson();

  /** Books `title` as the teacher through the API (as the form does), with Mr Brown and two pupils. */
  async function bookThroughApi(title: string, start: string): Promise<void> {
    const res = await fetch(`${app.base}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token(TEACHER)}` },
      body: JSON.stringify({
        clientRequestId: crypto.randomUUID(),
        title,
        start,
        durationMinutes: 20,
        pupils: ['pupil.one@pupils.example', 'pupil.two@pupils.example'],
        otherStaff: [{ aadObjectId: SECOND_ADULT.objectId, name: 'Mr Brown', email: SECOND_ADULT.email }],
      }),
    });
    assert.equal(res.status, 201, await res.text());
  }

  /** Opens the tab as the teacher with `title` listed. */
  async function openWith(title: string, theme?: string): Promise<OpenTab> {
    const opened = await openTab(TEACHER, theme ? { theme } : {});
    await lesson(opened.tab, title).waitFor(WAIT);
    return opened;
  }

  /** The cards posted to `person`'s chat with the bot, once there are `count` (or after 10 s, those there are). */
  async function cardsTo(person: string, count: number) {
    const sent = () => postedMessages(teams).filter((m) => m.conversation === personalConversationId(person));
    for (let tries = 0; tries < 100 && sent().length < count; tries++) await new Promise((r) => setTimeout(r, 100));
    return sent();
  }

  const patches = () => graph.requests.filter((r) => r.method === 'PATCH' && r.path.startsWith('/v1.0/me/events/'));
  const cancels = () => graph.requests.filter((r) => r.method === 'POST' && r.path.endsWith('/cancel'));

  it('a teacher books, sees the lesson listed, moves it (short notice refused beside Day first), then cancels it', async () => {
    const opened = await openTab(TEACHER);
    const { page, tab } = opened;
    await tab.getByText('You have no lessons booked through Chaperone that are still to come.').waitFor(WAIT);
    await fill(tab, GOOD);
    await chooseInTeams(opened, SECOND_ADULT);
    await tab.getByRole('button', { name: 'Book' }).click();
    await tab.getByTestId('booking-receipt').waitFor(WAIT);
    const item = lesson(tab, 'Year 5 maths');
    await item.waitFor(WAIT);
    assert.equal(
      await item.innerText(),
      'Year 5 maths\nWednesday 6 March, 10:00, 20 minutes\nAlso invited: Mr Brown, 2 pupils.\nMove lesson\nCancel lesson',
    );

    // Tuesday 10:00 is 24.5 hours ahead: the server refuses it beside Day, and nothing is changed.
    await tab.getByRole('button', { name: 'Move lesson: Year 5 maths' }).click();
    const move = tab.getByRole('dialog', { name: 'Move Year 5 maths' });
    await move.waitFor(WAIT);
    assert.equal(await move.getByLabel(/^Day/).inputValue(), '2024-03-06', 'the day it is on now');
    await move.getByLabel(/^Day/).fill('2024-03-05');
    await move.getByRole('button', { name: 'Move the lesson' }).click();
    await move.getByText('This lesson starts too soon.', { exact: false }).waitFor(WAIT);
    assert.match(
      await dialogField(tab, /^Day/),
      /This lesson starts too soon\. The school books lessons at least 48 hours/,
    );
    assert.match(await move.getByTestId('booking-failure').innerText(), /^The lesson was not moved\./);
    assert.deepEqual(patches(), [], 'Graph was not asked to move it');
    assert.deepEqual(
      postedMessages(teams).map((m) => m.text),
      ['Lesson booked: Year 5 maths'],
      'nobody told of a move',
    );

    // Thursday 11:00 keeps every rule.
    await move.getByLabel(/^Day/).fill('2024-03-07');
    await move.getByLabel(/^Start time/).fill('11:00');
    await move.getByRole('button', { name: 'Move the lesson' }).click();
    await move.waitFor({ state: 'detached', ...WAIT });
    const receipt = tab.getByTestId('change-receipt');
    assert.equal(
      await receipt.innerText(),
      'Moved: Year 5 maths is now on Thursday 7 March at 11:00, for 20 minutes.Everyone invited has been sent the new time, and Chaperone is sending the senior team and the other staff a card.',
    );
    const [patch, ...morePatches] = patches();
    assert.deepEqual(morePatches, [], 'one PATCH');
    assert.deepEqual(patch!.body, {
      start: { dateTime: '2024-03-07T11:00:00.000', timeZone: 'UTC' },
      end: { dateTime: '2024-03-07T11:20:00.000', timeZone: 'UTC' },
    });
    await item.getByText('Thursday 7 March, 11:00, 20 minutes').waitFor(WAIT);
    assert.match(await item.innerText(), /^Year 5 maths\s*Moved\n/);

    await tab.getByRole('button', { name: 'Cancel lesson: Year 5 maths' }).click();
    const cancel = tab.getByRole('dialog', { name: 'Cancel this lesson?' });
    await cancel.waitFor(WAIT);
    assert.match(
      await cancel.innerText(),
      /Cancel Year 5 maths on Thursday 7 March at 11:00\? Everyone invited is told\./,
    );
    assert.deepEqual(cancels(), [], 'nothing is sent before the teacher confirms');
    await cancel.getByRole('button', { name: 'Cancel the lesson' }).click();
    await cancel.waitFor({ state: 'detached', ...WAIT });
    assert.equal(
      await receipt.innerText(),
      'Cancelled: Year 5 maths, Thursday 7 March, 11:00.Everyone invited has been told, and Chaperone is sending the senior team and the other staff a card.',
    );
    assert.equal(cancels().length, 1, 'one Graph cancel');
    await item.getByText('This lesson is cancelled.').waitFor(WAIT);
    assert.match(await item.innerText(), /^Year 5 maths\s*Cancelled\n/);
    assert.equal(await item.getByRole('button').count(), 0, 'a cancelled lesson offers no cancel or move');
    // The cards go through the lesson outbox: waited for, up to a few seconds.
    const toSenior = await cardsTo(SENIOR.id, 3);
    assert.deepEqual(
      toSenior.map((m) => m.text),
      [
        'Lesson booked: Year 5 maths',
        'Moved: Year 5 maths is now Thu 7 Mar 11:00',
        'Cancelled: Year 5 maths, Thu 7 Mar 11:00',
      ],
      "the senior leader's chat got the cards",
    );
    // Loaded again from the server, the list says the same.
    await page.reload();
    const reopened = await (await page.waitForSelector('#tab')).contentFrame();
    await lesson(reopened!, 'Year 5 maths').getByText('This lesson is cancelled.').waitFor(WAIT);
    await page.close();
  });

  it('Microsoft Teams not answering a cancel: says the lesson was not cancelled, and it stays booked', async () => {
    await bookThroughApi('Year 6 science', '2024-03-08T10:00:00Z');
    const { page, tab } = await openWith('Year 6 science');
    graph.script('POST', /\/cancel$/, unavailable, unavailable, unavailable, unavailable);
    await tab.getByRole('button', { name: 'Cancel lesson: Year 6 science' }).click();
    const cancel = tab.getByRole('dialog', { name: 'Cancel this lesson?' });
    await cancel.getByRole('button', { name: 'Cancel the lesson' }).click();
    const failure = cancel.getByTestId('booking-failure');
    await failure.waitFor(WAIT);
    assert.equal(
      await failure.innerText(),
      'The lesson was not cancelled.Microsoft Teams did not answer, so the lesson was not cancelled; try again in a few minutes.',
    );
    assert.equal(await tab.getByTestId('change-receipt').count(), 0, 'no receipt');
    await cancel.getByRole('button', { name: 'Keep the lesson' }).click();
    await cancel.waitFor({ state: 'detached', ...WAIT });
    const item = lesson(tab, 'Year 6 science');
    assert.equal(await item.getByText('Cancelled').count(), 0);
    // Focus is back on the button that opened the dialog, and the page is back for screen readers.
    const cancelButton = item.getByRole('button', { name: 'Cancel lesson: Year 6 science' });
    await cancelButton.waitFor(WAIT);
    assert.equal(await cancelButton.evaluate((b) => b === document.activeElement), true);
    assert.deepEqual(
      postedMessages(teams).map((m) => m.text),
      ['Lesson booked: Year 6 science'],
      'nobody told of a cancellation',
    );
    const listed = await fetch(`${app.base}/api/bookings`, {
      headers: { authorization: `Bearer ${await app.token(TEACHER)}` },
    });
    const { bookings } = (await listed.json()) as { bookings: Array<{ title: string; state: string }> };
    assert.equal(bookings.find((b) => b.title === 'Year 6 science')?.state, 'booked');
    await page.close();
  });

  it("a move Microsoft wants permission for: Teams' consent window, then the same move with the same request id, moved once", async () => {
    await bookThroughApi('Year 4 art', '2024-03-08T13:00:00Z');
    const { page, tab, consentPages } = await openWith('Year 4 art');
    const sent: Array<Record<string, unknown>> = [];
    page.on('request', (r) => {
      if (r.method() === 'POST' && r.url().endsWith('/move')) sent.push(r.postDataJSON() as Record<string, unknown>);
    });
    forUser.onCall(forUser.callCount).rejects(new DelegatedAccessError('consentRequired'));
    await tab.getByRole('button', { name: 'Move lesson: Year 4 art' }).click();
    const move = tab.getByRole('dialog', { name: 'Move Year 4 art' });
    await move.getByLabel(/^Start time/).fill('14:00');
    await move.getByRole('button', { name: 'Move the lesson' }).click();
    await move.waitFor({ state: 'detached', ...WAIT });
    assert.match(
      await tab.getByTestId('change-receipt').innerText(),
      /^Moved: Year 4 art is now on Friday 8 March at 14:00/,
    );
    assert.equal((await consentPages()).length, 1, 'one consent window');
    assert.equal(sent.length, 2, 'refused once, then sent again');
    assert.deepEqual(sent[1], sent[0], 'the same move, with the same request id');
    assert.deepEqual(sent[0], {
      start: '2024-03-08T14:00:00.000Z',
      durationMinutes: 20,
      clientRequestId: sent[0]!['clientRequestId'],
    });
    assert.equal(patches().length, 1, 'moved once');
    await page.close();
  });

  it('lists booked, moved and cancelled lessons in Teams light (screenshot for the docs)', async () => {
    const { page, tab } = await openWith('Year 4 art', 'default');
    await lesson(tab, 'Year 5 maths').waitFor(WAIT);
    await tab
      .locator('section[aria-labelledby="booked-lessons-heading"]')
      .screenshot({ path: screenshotPath('book-a-lesson-list-light') });
    await page.close();
  });
});
