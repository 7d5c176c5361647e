import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MEETING = 'MCMxOTptZWV0aW5nX1llYXI2/UGlwaWxDaGVja3M+QHRocmVhZC52Mg==';
const WAIT = { timeout: 15_000 };
// A Tuesday morning in term (10:12 in London), as in the side panel's other browser tests.
const SHIFT = Date.parse('2026-03-10T10:12:00Z') - Date.now();
const clock = { now: () => Date.now() + SHIFT };
const visitor: Participant = {
  id: 'cccccccc-0000-4000-8000-000000000001',
  teamsId: '29:visitor',
  name: 'Visiting Speaker',
  role: 'guest',
  tenantId: 'another-school',
};
const join = (p: Participant, at: number, id: string): MeetingEvent => ({
  kind: 'participantJoined',
  id,
  at,
  participant: p,
});

describe('tab/side panel: three-state pupil checks, undo, and guests counted apart', function () {
  this.timeout(90_000);
  let app: TabTestServer;
  let context: BrowserContext;

  const openPanel = (person: { id: string; name: string }) =>
    openInTeamsHost(context, app.base, { person, meeting: MEETING, view: 'sidePanel' });

  before(async () => {
    ensureTabBuilt();
    app = await startTabTestServer({ issuer: 'dev', tabDir: 'tab/dist', clock });
    context = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 2000 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    const start = clock.now() - 2 * 60_000;
    const key = lessonKey(MEETING);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'c-start',
      at: start,
      meetingType: 'Scheduled',
      title: 'Year 6 history',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, start + 1_000, 'c-j1'));
    await app.applyEvent(key, join(PEOPLE.teacherB, start + 2_000, 'c-j2'));
    await app.applyEvent(key, join(PEOPLE.pupil1, start + 3_000, 'c-j3'));
    await app.applyEvent(key, join(visitor, start + 4_000, 'c-j4'));
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  it('shows and counts a guest apart from pupils, with what the policy says about guests', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA);
    await tab.getByTestId('pupil-count').getByText('Pupils 1').waitFor(WAIT);
    await tab.getByTestId('guest-count').getByText('Guests 1').waitFor(WAIT);
    await tab.getByTestId('not-identified-count').getByText('Not identified 0').waitFor(WAIT);
    await tab
      .getByTestId('guest-note')
      .getByText(/treated like pupils/)
      .waitFor(WAIT);
    await tab
      .getByRole('list', { name: 'People in the meeting now' })
      .getByText(/\(guest, since/)
      .waitFor(WAIT);
    await tab
      .getByRole('group', { name: 'Register for Visiting Speaker' })
      .getByText('Guest', { exact: true })
      .waitFor(WAIT);
    assert.equal(
      await tab.getByRole('group', { name: 'Register for Pupil One' }).getByText('Guest', { exact: true }).count(),
      0,
    );
    await page.close();
  });

  it('records Yes, then No after a plain-words confirmation, then Undo returns it to Yes; who and when show beside it and on hover', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherA);
    const consent = tab.getByRole('toolbar', { name: 'Consent for Pupil One' });
    const choice = (name: string) => consent.getByRole('radio', { name, exact: true });
    await choice('Not yet').and(tab.locator('[aria-checked="true"]')).waitFor(WAIT);

    await choice('Yes').click(WAIT);
    await choice('Yes').and(tab.locator('[aria-checked="true"]')).waitFor(WAIT);
    await tab
      .getByRole('group', { name: 'Register for Pupil One' })
      .getByText(/^Ms Adams, \d\d:\d\d$/)
      .first()
      .waitFor(WAIT);
    await consent.hover();
    await tab
      .getByRole('tooltip')
      .getByText(/^Yes, recorded by Ms Adams at \d\d:\d\d$/)
      .waitFor(WAIT);

    await choice('No').click(WAIT);
    const dialog = tab.getByRole('dialog');
    await dialog.getByText(/Remove the pupil from the meeting/).waitFor(WAIT);
    await dialog.getByText(/choose Not yet instead/).waitFor(WAIT);
    assert.equal(await choice('Yes').getAttribute('aria-checked'), 'true', 'nothing recorded before confirming');
    await dialog.getByRole('button', { name: 'Record No' }).click(WAIT);
    await choice('No').and(tab.locator('[aria-checked="true"]')).waitFor(WAIT);
    await tab
      .getByRole('region', { name: 'Policy alerts' })
      .getByText(/Pupil One: no consent from a parent or carer: Remove the pupil/)
      .waitFor(WAIT);

    await tab.getByTestId('check-undo').getByText('Consent for Pupil One: No.').waitFor(WAIT);
    await tab.getByTestId('check-undo').getByRole('button', { name: 'Undo' }).click(WAIT);
    await choice('Yes').and(tab.locator('[aria-checked="true"]')).waitFor(WAIT);
    await tab
      .getByRole('region', { name: 'Policy alerts' })
      .getByText(/Pupil One: no consent from a parent or carer: Remove the pupil/)
      .waitFor({ state: 'detached', ...WAIT });

    const events = await app.meetings.listEvents(lessonKey(MEETING));
    const recorded = events.flatMap((e) =>
      e.kind === 'pupilCheckRecorded' && e.check === 'consent' && 'state' in e ? [`${e.state} by ${e.by}`] : [],
    );
    assert.deepEqual(
      recorded,
      ['yes', 'no', 'yes'].map((s) => `${s} by ${PEOPLE.teacherA.id}`),
    );
    await page.close();
  });

  it('"Not yet" sets a check back and says who did it; cancelling a "No" records nothing', async () => {
    const { page, tab } = await openPanel(PEOPLE.teacherB);
    const room = tab.getByRole('toolbar', { name: /^Communal room for Pupil One$/ });
    await room.getByRole('radio', { name: 'No', exact: true }).click(WAIT);
    await tab.getByRole('dialog').getByRole('button', { name: 'Cancel' }).click(WAIT);
    await tab.getByRole('dialog').waitFor({ state: 'detached', ...WAIT });
    assert.equal(await room.getByRole('radio', { name: 'Not yet', exact: true }).getAttribute('aria-checked'), 'true');

    await room.getByRole('radio', { name: 'Yes', exact: true }).click(WAIT);
    await room.getByRole('radio', { name: 'Yes', exact: true }).and(tab.locator('[aria-checked="true"]')).waitFor(WAIT);
    await room.getByRole('radio', { name: 'Not yet', exact: true }).click(WAIT);
    await room
      .getByRole('radio', { name: 'Not yet', exact: true })
      .and(tab.locator('[aria-checked="true"]'))
      .waitFor(WAIT);
    await room.hover();
    await tab
      .getByRole('tooltip')
      .getByText(/^Not yet, set back by Mr Brown at \d\d:\d\d$/)
      .waitFor(WAIT);
    await page.close();
  });
});
