import assert from 'node:assert/strict';
import { DelegatedAccessError } from '../../bot/src/app/booking/ports.js';
import { SCHOOL_TENANT } from '../support/tabServer.js';
import {
  chooseInTeams,
  eventsCreated,
  fill,
  GOOD,
  SECOND_ADULT,
  TEACHER,
  useBookLesson,
  WAIT,
  type OpenOptions,
} from './bookLesson.js';

const FOR_IT =
  "Grant admin consent for the Chaperone tab app's delegated Microsoft Graph permissions Calendars.ReadWrite and OnlineMeetings.ReadWrite in Microsoft Entra admin center (Enterprise applications, Chaperone, Permissions).";
// The dev signer's client id: the tab app the browser tests sign in to.
const TAB_APP = '00000000-0000-4000-8000-00000000c1d0';

describe('tab/book a lesson: Microsoft asks for permission, or the school has not granted it (real service)', function () {
  this.timeout(120_000);
  const { app, graph, forUser, openTab } = useBookLesson();

  /** Opens the form as the teacher, fills in a good lesson with Mr Brown, and presses Book. */
  async function book(options: OpenOptions = {}) {
    const opened = await openTab(TEACHER, options);
    await opened.tab.getByRole('heading', { name: 'Book a lesson' }).waitFor(WAIT);
    await fill(opened.tab, GOOD);
    await chooseInTeams(opened, SECOND_ADULT);
    await opened.tab.getByRole('button', { name: 'Book' }).click();
    return opened;
  }

  it("shows Teams' consent window for the tab app in the teacher's tenant, then sends the same request again and books once", async () => {
    forUser.onFirstCall().rejects(new DelegatedAccessError('consentRequired'));
    const { page, tab, sent, consentPages } = await book();
    await tab.getByTestId('booking-receipt').waitFor(WAIT);
    const [page1, ...more] = await consentPages();
    assert.deepEqual(more, [], 'one consent window');
    const asked = new URL(page1 ?? '');
    // Teams opens only https pages: the tab's own host, where Teams serves it over https.
    assert.equal(
      `${asked.protocol}//${asked.host}${asked.pathname}`,
      `https://${new URL(app.base).host}/tab/auth-start.html`,
    );
    assert.deepEqual(Object.fromEntries(asked.searchParams), {
      clientId: TAB_APP,
      tenantId: SCHOOL_TENANT,
      authorityHost: 'https://login.microsoftonline.com',
    });
    assert.equal(sent.length, 2, 'refused once, then sent again');
    assert.deepEqual(sent[1], sent[0], 'the same request, with the same request id');
    assert.equal(forUser.callCount, 2);
    assert.equal(eventsCreated(graph).length, 1, 'one event in the fake Graph');
    await page.close();
  });

  it('says nothing was booked when the teacher closes the consent window, and sends nothing more', async () => {
    forUser.onFirstCall().rejects(new DelegatedAccessError('consentRequired'));
    const { page, tab, sent, consentPages } = await book({ consent: 'cancel' });
    const failure = tab.getByTestId('booking-failure');
    await failure.waitFor(WAIT);
    assert.match(
      await failure.innerText(),
      /Nothing was booked\.\s*Chaperone needs your permission.*Press Book to see it again\./s,
    );
    assert.equal((await consentPages()).length, 1);
    assert.equal(sent.length, 1, 'not sent again without permission');
    assert.deepEqual(eventsCreated(graph), []);
    await page.close();
  });

  it('a permission the school has not granted: one sentence for the teacher, one to pass on to IT', async () => {
    forUser.onFirstCall().rejects(new DelegatedAccessError('notGranted'));
    const { page, tab, sent } = await book();
    await tab.getByTestId('booking-failure').waitFor(WAIT);
    assert.equal(
      await tab.getByTestId('booking-failure').innerText(),
      'Nothing was booked.Your school has not yet allowed Chaperone to book lessons for you; ask your IT team, and book this lesson in Teams for now.',
    );
    assert.equal(await tab.getByTestId('booking-for-it').innerText(), `Tell your IT team:${FOR_IT}`);
    assert.equal(await tab.getByTestId('booking-receipt').count(), 0, 'no receipt');
    assert.equal(sent.length, 1, 'no consent window, nothing sent again');
    assert.deepEqual(eventsCreated(graph), []);
    await page.close();
  });
});
