import { strict as assert } from 'node:assert';
import { existsSync } from 'node:fs';
import { chromium, type Browser, type BrowserContext, type Frame, type Page } from 'playwright-core';

/** Flags for a quiet, headless Chromium in CI (DESIGN.md section 8a). */
const ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Finds a Chromium binary: `@sparticuz/chromium`'s (unpacked on first use), else Debian's, else a clear error. */
export async function chromiumPath(): Promise<string> {
  try {
    const sparticuz = (await import('@sparticuz/chromium')).default;
    const path = await sparticuz.executablePath();
    if (path && existsSync(path)) return path;
  } catch {
    // Not installed or cannot unpack here: try the system browser next.
  }
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  throw new Error(
    'No Chromium found for the browser tests. Run `npm ci` (it installs @sparticuz/chromium) or `sudo apt-get install chromium`, then run the tests again.',
  );
}

let shared: Promise<Browser> | undefined;

/** One headless Chromium for the browser tests; close it with {@link closeBrowser}. */
export function sharedBrowser(): Promise<Browser> {
  shared ??= chromiumPath().then((executablePath) => chromium.launch({ executablePath, headless: true, args: ARGS }));
  return shared;
}

/** Closes the shared browser if one was started. */
export async function closeBrowser(): Promise<void> {
  if (!shared) return;
  const browser = await shared;
  shared = undefined;
  await browser.close();
}

/** Who opens the tab, where, and how, in the simulated Teams host (`/dev/host`). */
export interface HostVisit {
  person: { id: string; name: string };
  meeting: string;
  /** The tab's view: `sidePanel`, `alert`, `details`, `chat` or `record`. */
  view: string;
  theme?: string;
  /** An open page to reuse (a reload in the same tab). */
  page?: Page;
}

/** Opens the simulated Teams host at `base` as `visit.person` and returns the page and the tab's frame. */
export async function openInTeamsHost(
  context: BrowserContext,
  base: string,
  visit: HostVisit,
): Promise<{ page: Page; tab: Frame }> {
  const page = visit.page ?? (await context.newPage());
  const query = new URLSearchParams({
    user: visit.person.id,
    name: visit.person.name,
    meeting: visit.meeting,
    context: visit.view,
    theme: visit.theme ?? 'default',
  });
  await page.goto(`${base}/dev/host?${query}`);
  const tab = await (await page.waitForSelector('#tab')).contentFrame();
  assert.ok(tab, 'the host embeds the tab in an iframe');
  return { page, tab };
}
