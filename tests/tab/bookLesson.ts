import assert from 'node:assert/strict';
import type { BrowserContext, Frame, Page } from 'playwright-core';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { closeBrowser, openInTeamsHost, sharedBrowser } from '../support/browser.js';
import { routeBookingApi, type BookingStub } from '../support/bookingApiStub.js';
import { standIn } from '../support/suiteResource.js';
import { PEOPLE, startTabTestServer, type TabTestServer } from '../support/tabServer.js';

/** How long to wait for the tab to show something. */
export const WAIT = { timeout: 15_000 };
/** Monday 4 March 2024, 09:30 in London (GMT): the service's clock. */
export const NOW = Date.UTC(2024, 2, 4, 9, 30);
/** The teacher who books (staff, not on the safeguarding team). */
export const TEACHER = PEOPLE.teacherA;
/** The school's DSL (the school view, with "Book a lesson" as its fifth section). */
export const DSL = { id: 'cccccccc-0000-4000-8000-000000000001', name: 'Mrs Fletcher' };
/** The second adult's school email address. */
export const SECOND_ADULT = { name: PEOPLE.teacherB.name, email: 'b.brown@school.example' };

/** The "Book a lesson" form's fields as a teacher fills them in. */
export interface Typed {
  title?: string;
  pupils?: string;
  day?: string;
  time?: string;
  minutes?: string;
  staffName?: string;
  staffEmail?: string;
}

/** A lesson that keeps every rule: Wednesday 10:00 (48.5 hours ahead), 20 minutes, two pupils, Mr Brown. */
export const GOOD: Required<Typed> = {
  title: 'Year 5 maths',
  pupils: 'pupil.one@pupils.example\npupil.two@pupils.example',
  day: '2024-03-06',
  time: '10:00',
  minutes: '20',
  staffName: SECOND_ADULT.name,
  staffEmail: SECOND_ADULT.email,
};

const LABELS: Record<keyof Typed, string> = {
  title: 'Title',
  pupils: "Pupils' email addresses",
  day: 'Day',
  time: 'Start time',
  minutes: 'Length in minutes',
  staffName: 'Second member of staff',
  staffEmail: 'Their school email address',
};

/** Types `typed` into the form's fields. */
export async function fill(tab: Frame, typed: Typed): Promise<void> {
  for (const [field, value] of Object.entries(typed) as Array<[keyof Typed, string]>)
    await tab.getByLabel(LABELS[field], { exact: false }).first().fill(value);
}

/** The text of the Fluent field labelled `label` (its hint and validation message included). */
export function fieldText(tab: Frame, label: string): Promise<string> {
  return tab
    .locator('.fui-Field')
    .filter({ has: tab.getByLabel(label, { exact: false }) })
    .first()
    .innerText();
}

/**
 * For the enclosing `describe`: the service with the built tab (its clock at {@link NOW}), the booking API answered
 * by the stub, and a way to open the personal tab in the simulated Teams host. `consent` records the consent prompts
 * Teams was asked for, and answers them as `approve` says.
 */
export function useBookLesson() {
  let server: TabTestServer | undefined;
  let browserContext: BrowserContext | undefined;
  let bookingStub: BookingStub | undefined;
  const app = standIn(() => server);
  const context = standIn(() => browserContext);
  const stub = standIn(() => bookingStub);

  /** The personal tab (`?context=school`) as `person`, with Teams' `authenticate` answered as `approve` says. */
  async function openTab(
    person: { id: string; name: string },
    { theme = 'default', approve = true }: { theme?: string; approve?: boolean } = {},
  ): Promise<{ page: Page; tab: Frame; prompts: () => Promise<string[]> }> {
    const { page } = await openInTeamsHost(context, app.base, { person, meeting: '', view: 'content', theme });
    await page.evaluate((approved) => {
      const frame = document.getElementById('tab') as HTMLIFrameElement;
      const prompts: string[] = ((window as unknown as { prompts: string[] }).prompts = []);
      // Teams shows its consent window and answers when it closes; the local host does not, so the test does.
      window.addEventListener(
        'message',
        (e: MessageEvent<{ id?: number; uuidAsString?: string; func?: string; args?: unknown[] }>) => {
          if (e.source !== frame.contentWindow || e.data?.func !== 'authentication.authenticate') return;
          prompts.push(String(e.data.args?.[0]));
          const args = approved ? [true, 'consented'] : [false, 'CancelledByUser'];
          frame.contentWindow!.postMessage({ id: e.data.id, uuidAsString: e.data.uuidAsString, args }, location.origin);
        },
      );
      frame.src = '/tab/index.html?context=school';
    }, approve);
    const tab = await (await page.waitForSelector('#tab')).contentFrame();
    assert.ok(tab, 'the host embeds the tab in an iframe');
    const prompts = () => page.evaluate(() => (window as unknown as { prompts: string[] }).prompts);
    return { page, tab, prompts };
  }

  before(async () => {
    ensureTabBuilt();
    server = await startTabTestServer({
      issuer: 'dev',
      tabDir: 'tab/dist',
      clock: { now: () => NOW },
      staffList: { staff: [TEACHER.id, PEOPLE.teacherB.id, DSL.id], dsl: [DSL.id] },
    });
    browserContext = await (await sharedBrowser()).newContext({ viewport: { width: 760, height: 1400 } });
    await context.route(/^https:\/\//, (route) => route.abort());
    bookingStub = await routeBookingApi(context, {
      now: NOW,
      organizer: TEACHER,
      staffEmails: [SECOND_ADULT.email],
      staffIds: [TEACHER.id, PEOPLE.teacherB.id, DSL.id],
    });
  });
  beforeEach(() => {
    if (!bookingStub) return;
    bookingStub.sent.length = 0;
    bookingStub.script.length = 0;
  });
  after(async () => {
    await browserContext?.close();
    await closeBrowser();
    await server?.close();
  });

  return { app, stub, openTab };
}
