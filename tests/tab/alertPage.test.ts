import assert from 'node:assert/strict';
import type { BrowserContext } from 'playwright-core';
import { parentPresent } from '../../bot/src/domain/rules/parentPresent.js';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const OPEN = 'MCMxOTptZWV0aW5nX0dyb3VwZWRBbGVydA==';
const ENDED = 'MCMxOTptZWV0aW5nX0VuZGVkTGVzc29u';
const WAIT = { timeout: 15_000 };
// The service's clock reads 10:12 in London on a Tuesday in term, as in the side panel's other browser tests.
const SHIFT = Date.parse('2026-03-10T10:12:00Z') - Date.now();
const clock = { now: () => Date.now() + SHIFT };
const pupil = (n: number, name: string): Participant => ({
  id: `dddddddd-0000-4000-8000-00000000000${n}`,
  teamsId: `29:pupil-d${n}`,
  name,
  role: 'pupil',
});
const PUPILS = [pupil(1, 'Amira Shah'), pupil(2, 'Ben Carter'), pupil(3, 'Chloe Evans')];
const join = (p: Participant, at: number, id: string): MeetingEvent => ({
  kind: 'participantJoined',
  id,
  at,
  participant: p,
});

describe('tab/alert page and panel: per-pupil checks in one card that names the pupils, and an ended lesson', function () {
  this.timeout(90_000);
  let app: TabTestServer;
  let context: BrowserContext;

  const open = (meeting: string, view: 'alert' | 'sidePanel') =>
    openInTeamsHost(context, app.base, { person: PEOPLE.teacherA, meeting, view });

  /** A lesson started 10 minutes ago by two teachers, the three pupils in for 9 minutes with no check recorded. */
  async function lesson(meeting: string, title: string, ...more: MeetingEvent[]): Promise<void> {
    const key = lessonKey(meeting);
    const start = Date.parse('2026-03-10T10:02:00Z');
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: `${title}-start`,
      at: start,
      meetingType: 'Scheduled',
      title,
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, start, `${title}-t1`));
    await app.applyEvent(key, join(PEOPLE.teacherB, start, `${title}-t2`));
    for (const [i, p] of PUPILS.entries()) await app.applyEvent(key, join(p, start + 60_000, `${title}-p${i}`));
    for (const event of more) await app.applyEvent(key, event);
  }

  before(async () => {
    ensureTabBuilt();
    app = await startTabTestServer({ issuer: 'dev', tabDir: 'tab/dist', clock });
    context = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1600 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    const by = PEOPLE.teacherB.id;
    const pupilId = PUPILS[1]!.id;
    const no: MeetingEvent = {
      kind: 'pupilCheckRecorded',
      id: 'no-1',
      at: clock.now() - 60_000,
      pupilId,
      check: 'parentPresent',
      state: 'no',
      by,
    };
    await lesson(OPEN, 'Year 3 art', no);
    await lesson(ENDED, 'Year 3 music', { kind: 'meetingEnded', id: 'end-1', at: Date.parse('2026-03-10T10:06:00Z') });
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  it('shows one card on the alert page naming the three pupils and what each still needs, with a "no" and its instruction apart', async () => {
    const { page, tab } = await open(OPEN, 'alert');
    const alerts = tab.getByRole('region', { name: 'Policy alerts' });
    const card = alerts.getByTestId('pupil-checks-alert');
    await card.getByText('Checks not recorded for 3 pupils; a check recorded as no for 1 pupil.').waitFor(WAIT);
    assert.equal(await card.count(), 1, 'one card for all the pupils');
    const lines = (
      await card.getByRole('list', { name: 'Pupils with checks to do' }).getByRole('listitem').allTextContents()
    ).map((l) => l.trim());
    const all = 'consent, parent/carer in the room, communal room';
    assert.deepEqual(lines, [
      `Ben Carter: no parent/carer in the room: ${parentPresent.refused.action}`,
      'Ben Carter: consent, communal room',
      `Amira Shah: ${all}`,
      `Chloe Evans: ${all}`,
    ]);
    // No near-identical card per pupil and check any more.
    assert.equal(await alerts.getByText(/A pupil has been in the lesson for a few minutes/).count(), 0);
    await page.close();
  });

  it('shows an ended lesson as "Ended at" in school time, with how long it lasted, no countdown and no end-of-lesson nagging', async () => {
    const { page, tab } = await open(ENDED, 'sidePanel');
    const timer = tab.getByLabel('Lesson timer');
    await timer.getByText('Ended at 10:06').waitFor(WAIT);
    await timer.getByText(/Lasted 4:00\./).waitFor(WAIT);
    assert.equal(await tab.getByRole('timer').count(), 0, 'no countdown');
    assert.equal(await tab.getByText(/^\d+:\d\d left$/).count(), 0);
    assert.equal(await tab.getByTestId('end-reminder').count(), 0, 'no "end the meeting" reminder after the end');
    await page.close();
  });
});
