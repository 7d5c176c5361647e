import assert from 'node:assert/strict';
import {
  chooseInTeams,
  eventsCreated,
  fieldText,
  fill,
  GOOD,
  SECOND_ADULT,
  SENIOR,
  useBookLesson,
  WAIT,
} from './bookLesson.js';

const REASON = 'Exam support before the mock papers';

describe('tab/book a lesson as a senior leader: short notice with a reason (real service)', function () {
  this.timeout(120_000);
  const { app, graph, openTab } = useBookLesson();

  it('the problem beside Day goes once a reason is given, and the booking keeps the reason', async () => {
    const opened = await openTab(SENIOR);
    const { page, tab, sent } = opened;
    await tab.getByRole('tab', { name: 'Book a lesson' }).click(WAIT);
    // Today at 14:00: four and a half hours ahead, in school hours.
    await fill(tab, { ...GOOD, day: '2024-03-04', time: '14:00' });
    await chooseInTeams(opened, SECOND_ADULT);
    const tooSoon = tab.getByText('This lesson starts too soon.', { exact: false });
    await tooSoon.waitFor(WAIT);
    assert.match(
      await fieldText(tab, 'Day'),
      /As a senior leader you can still book it if you say why it cannot wait\./,
    );
    await fill(tab, { overrideReason: REASON });
    await tooSoon.waitFor({ state: 'detached', ...WAIT });
    assert.doesNotMatch(await fieldText(tab, 'Day'), /too soon/);
    await tab.getByRole('button', { name: 'Book' }).click();
    await tab.getByTestId('booking-receipt').waitFor(WAIT);
    assert.deepEqual(sent[0]?.['noticeOverride'], { reason: REASON });
    assert.equal(eventsCreated(graph).length, 1);
    // The same request again answers with the booking as stored.
    const again = await fetch(`${app.base}/api/bookings`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${await app.token(SENIOR)}` },
      body: JSON.stringify(sent[0]),
    });
    const stored = (await again.json()) as { repeated: boolean; booking: { noticeOverride?: unknown } };
    assert.equal(again.status, 200);
    assert.equal(stored.repeated, true);
    assert.deepEqual(stored.booking.noticeOverride, { reason: REASON });
    await page.close();
  });
});
