import type { BrowserContext, Page } from 'playwright-core';
import type { MeetingEvent, Participant } from '../../bot/src/domain/types.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { standIn } from '../support/suiteResource.js';
import { lessonKey, PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

/** The lesson the side panel shows. */
export const MEETING = 'MCMxOTptZWV0aW5nX1llYXI1/TWF0aHM+QHRocmVhZC52Mg==';
/** How long to wait for the panel to show something. */
export const WAIT = { timeout: 15_000 };
/** The service's clock reads a Tuesday morning in term (10:12 in London), so screenshots show a normal lesson. */
const SHIFT = Date.parse('2026-03-10T10:12:00Z') - Date.now();
/** The service's clock. */
export const clock = { now: () => Date.now() + SHIFT };

let seq = 0;
/** A join event for a person at a time. */
export const join = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantJoined',
  id: `b-join-${++seq}`,
  at,
  participant: p,
});
/** A leave event for a person at a time. */
export const leave = (p: Participant, at: number): MeetingEvent => ({
  kind: 'participantLeft',
  id: `b-leave-${++seq}`,
  at,
  participantId: p.id,
  teamsId: p.teamsId,
});

/**
 * For the enclosing `describe`: the service with the built tab and Year 5 maths part-way through (two teachers and a
 * pupil in, some checks done and some open), a browser context, and a way to open the side panel in the simulated
 * Teams host.
 */
export function useSidePanelLesson() {
  let app: TabTestServer | undefined;
  let context: BrowserContext | undefined;

  /** Opens the host page as `person` and returns the tab's frame once the tab has loaded. */
  const openPanel = (person: { id: string; name: string }, options: { theme?: string; page?: Page } = {}) =>
    openInTeamsHost(context!, app!.base, { person, meeting: MEETING, view: 'sidePanel', ...options });

  before(async () => {
    ensureTabBuilt();
    app = await startTabTestServer({ issuer: 'dev', tabDir: 'tab/dist', clock });
    const browser = await sharedBrowser();
    context = await browser.newContext({ viewport: { width: 760, height: 2000 } });
    // Offline CI: teams-js's origin list fetch from the CDN fails fast instead of waiting.
    await context.route(/^https:\/\//, (route) => route.abort());
    const start = clock.now() - 12 * 60_000;
    const key = lessonKey(MEETING);
    await app.applyEvent(key, {
      kind: 'meetingStarted',
      id: 'b-start',
      at: start,
      meetingType: 'Scheduled',
      title: 'Year 5 maths',
    });
    await app.applyEvent(key, join(PEOPLE.teacherA, start + 10_000));
    await app.applyEvent(key, join(PEOPLE.teacherB, start + 20_000));
    await app.applyEvent(key, join(PEOPLE.pupil1, start + 60_000));
    // Part-way through the lesson: some checks done, some still open (they show as alerts).
    const by = PEOPLE.teacherB.id;
    await app.applyEvent(key, {
      kind: 'checklistTicked',
      id: 'b-tick-1',
      at: start + 90_000,
      item: 'rolesAgreed',
      ticked: true,
      by,
    });
    await app.applyEvent(key, {
      kind: 'checklistTicked',
      id: 'b-tick-2',
      at: start + 95_000,
      item: 'recordingStarted',
      ticked: true,
      by,
    });
    await app.applyEvent(key, {
      kind: 'pupilCheckRecorded',
      id: 'b-check-1',
      at: start + 100_000,
      pupilId: PEOPLE.pupil1.id,
      check: 'consent',
      value: true,
      by,
    });
    await app.applyEvent(key, {
      kind: 'pupilCheckRecorded',
      id: 'b-check-2',
      at: start + 110_000,
      pupilId: PEOPLE.pupil1.id,
      check: 'communalRoom',
      value: true,
      by,
    });
  });
  after(async () => {
    await context?.close();
    await closeBrowser();
    await app?.close();
  });

  return { app: standIn(() => app), context: standIn(() => context), openPanel };
}
