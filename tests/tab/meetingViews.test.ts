import type { BrowserContext, Frame } from 'playwright-core';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

const MEETING = 'MCMxOTptZWV0aW5nX1ZpZXdzVGVzdA==';
const WAIT = { timeout: 15_000 };
const join = (p: Participant, at: number, id: string): MeetingEvent => ({
  kind: 'participantJoined',
  id,
  at,
  participant: p,
});

describe('tab/details, chat and alert views in a simulated Teams host', function () {
  this.timeout(60_000);
  let app: TabTestServer;
  let context: BrowserContext;

  const open = async (view: 'details' | 'chat' | 'alert'): Promise<Frame> =>
    (await openInTeamsHost(context, app.base, { person: PEOPLE.teacherA, meeting: MEETING, view })).tab;

  before(async () => {
    ensureTabBuilt();
    app = await startTabTestServer({ issuer: 'dev', tabDir: 'tab/dist' });
    context = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1400 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    const start = Date.now() - 5 * 60_000;
    const key = lessonKey(MEETING);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'v-start',
      at: start,
      meetingType: 'Scheduled',
      title: 'Year 6 science',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, start, 'v-join-t'));
    await app.applyEvent(key, join(PEOPLE.pupil1, start + 1000, 'v-join-p'));
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  it('seed 001 #7-8: the details tab shows the checklist to prepare and the policy in plain words before the lesson', async () => {
    const tab = await open('details');
    await tab.getByRole('heading', { name: 'Checklist to prepare' }).waitFor(WAIT);
    await tab.getByRole('heading', { name: 'The policy in plain words' }).waitFor(WAIT);
    await tab
      .getByText(/48 hours/)
      .first()
      .waitFor(WAIT);
  });

  it('seed 003 bullet 1: the alert page a targeted notification opens names the lesson and the open finding with what to do', async () => {
    const tab = await open('alert');
    await tab.getByRole('heading', { name: /Year 6 science: safeguarding alert/ }).waitFor(WAIT);
    await tab
      .getByText(/only adult with one pupil|one pupil/i)
      .first()
      .waitFor(WAIT);
  });

  it('the meeting chat tab offers the register download and the concern form, nothing that pupils could see', async () => {
    const tab = await open('chat');
    await tab.getByRole('button', { name: 'Download the register' }).waitFor(WAIT);
    await tab.getByRole('button', { name: /Log a concern/ }).waitFor(WAIT);
  });
});
