import assert from 'node:assert/strict';
import type { BrowserContext, Page } from 'playwright-core';
import { HOST_RUNTIME, HOST_SDK_VERSION } from '../../bot/src/dev/teamsHost/runtime.js';
// @ts-expect-error: a plain .mjs build helper with no type declarations
import { ensureTabBuilt } from '../../scripts/tab-build.mjs';
import { STATE_KEY } from '../../tab/src/consent/consentUrls.js';
import { closeBrowser, sharedBrowser } from '../support/browser.js';
import { standIn, suiteResource } from '../support/suiteResource.js';
import { SCHOOL_TENANT, startTabTestServer } from '../support/tabServer.js';

const TAB_APP = '11111111-aaaa-4bbb-8ccc-000000000001';
const ENTRA = 'https://login.microsoftonline.com';
const WAIT = { timeout: 15_000 };

/**
 * Teams' consent window: the pages Teams opens (`auth-start.html`) and Microsoft sends the teacher back to
 * (`auth-end.html`), as the real service serves the built tab under /tab/. Microsoft's sign-in is not reached: the
 * browser records where it was sent.
 */
describe("tab/consent pages: Teams' consent window sends the teacher to Microsoft and tells Teams the answer", function () {
  this.timeout(60_000);
  const app = suiteResource(() => {
    ensureTabBuilt();
    return startTabTestServer({ issuer: 'dev', tabDir: 'tab/dist' });
  });
  let browserContext: BrowserContext | undefined;
  const context = standIn(() => browserContext);
  const sentToEntra: URL[] = [];
  before(async () => {
    browserContext = await (await sharedBrowser()).newContext();
    await context.route(/^https:\/\//, async (route) => {
      sentToEntra.push(new URL(route.request().url()));
      await route.fulfill({ contentType: 'text/html', body: '<p>Microsoft sign-in</p>' });
    });
  });
  beforeEach(() => (sentToEntra.length = 0));
  after(async () => {
    await browserContext?.close();
    await closeBrowser();
  });

  const start = (authorityHost: string) =>
    `${app.base}/tab/auth-start.html?${new URLSearchParams({ clientId: TAB_APP, tenantId: SCHOOL_TENANT, authorityHost })}`;

  it("auth-start sends the teacher to Entra's consent screen for the booking permissions, back to auth-end", async () => {
    const page = await context.newPage();
    await page.goto(start(ENTRA));
    await page.getByText('Microsoft sign-in').waitFor(WAIT);
    const [sent, ...more] = sentToEntra;
    assert.deepEqual(more, []);
    assert.equal(`${sent!.origin}${sent!.pathname}`, `${ENTRA}/${SCHOOL_TENANT}/oauth2/v2.0/authorize`);
    // Back on the service's origin in the same window, auth-end finds the state auth-start kept.
    await page.goto(`${app.base}/healthz`);
    const state = await page.evaluate((key) => sessionStorage.getItem(key), STATE_KEY);
    assert.match(state ?? '', /^[0-9a-f-]{36}$/);
    assert.deepEqual(Object.fromEntries(sent!.searchParams), {
      client_id: TAB_APP,
      response_type: 'code',
      redirect_uri: `${app.base}/tab/auth-end.html`,
      response_mode: 'query',
      scope: 'Calendars.ReadWrite OnlineMeetings.ReadWrite',
      prompt: 'consent',
      state,
    });
    await page.close();
  });

  it('auth-start sends nobody anywhere but Microsoft sign-in', async () => {
    const page = await context.newPage();
    await page.goto(start('https://login.example.net'));
    await page.getByText('This permission window was not opened by Chaperone.', { exact: false }).waitFor(WAIT);
    assert.deepEqual(sentToEntra, []);
    await page.close();
  });

  /** Opens auth-end as Teams' consent window would, from a page answering teams-js as Teams; what it told Teams. */
  async function endWith(
    query: string,
    savedState = 'state-1',
  ): Promise<{ page: Page; told: () => Promise<string[]> }> {
    const page = await context.newPage();
    await page.goto(`${app.base}/healthz`);
    await page.evaluate(
      ({ runtime, version, key, state, url }) => {
        const told: string[] = ((window as unknown as { told: string[] }).told = []);
        window.addEventListener(
          'message',
          (e: MessageEvent<{ id: number; uuidAsString?: string; func?: string; args?: unknown[] }>) => {
            const m = e.data;
            if (typeof m?.func !== 'string') return;
            if (m.func !== 'initialize') return void told.push(`${m.func} ${JSON.stringify(m.args ?? [])}`);
            const args = ['authentication', 'web', JSON.stringify(runtime), version];
            (e.source as Window).postMessage({ id: m.id, uuidAsString: m.uuidAsString, args }, location.origin);
          },
        );
        // A window opened from this one starts with a copy of its session storage, as Teams' window has auth-start's.
        sessionStorage.setItem(key, state);
        window.open(url);
      },
      {
        runtime: HOST_RUNTIME,
        version: HOST_SDK_VERSION,
        key: STATE_KEY,
        state: savedState,
        url: `/tab/auth-end.html?${query}`,
      },
    );
    const told = async () => {
      const seen = () => (window as unknown as { told: string[] }).told.filter((t) => t.startsWith('authentication.'));
      const answered = () =>
        (window as unknown as { told: string[] }).told.some((t) => t.startsWith('authentication.'));
      await page.waitForFunction(answered, undefined, WAIT).catch(() => undefined);
      return page.evaluate(seen);
    };
    return { page, told };
  }

  it('auth-end tells Teams the teacher consented when Microsoft answers this window with a code', async () => {
    const { page, told } = await endWith('code=abc&state=state-1');
    assert.deepEqual(await told(), ['authentication.authenticate.success [null]']);
    await page.close();
  });

  it("auth-end tells Teams it failed, with Entra's error, or when the answer is not for this window", async () => {
    for (const [query, expected] of [
      ['error=access_denied&error_description=declined&state=state-1', 'access_denied'],
      ['code=abc&state=someone-else', 'stateMismatch'],
    ]) {
      const { page, told } = await endWith(query!);
      assert.deepEqual(await told(), [`authentication.authenticate.failure ${JSON.stringify([expected])}`]);
      await page.close();
    }
  });
});
