/**
 * Where a browser test saves a screenshot. The README's pictures in `docs/screenshots/` are rewritten
 * only by `npm run screenshots`; `npm test` takes every screenshot all the same (so a page that cannot
 * be drawn still fails) but saves it in a scratch folder, so a test run never changes the repository.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The README's pictures. */
const DOCS = 'docs/screenshots';

let folder: string | undefined;

/** The path a screenshot named `name` (`side-panel-dark`) is saved at in this run. */
export function screenshotPath(name: string): string {
  if (!folder) {
    folder = process.env['UPDATE_SCREENSHOTS'] === '1' ? DOCS : mkdtempSync(join(tmpdir(), 'chaperone-screenshots-'));
    mkdirSync(folder, { recursive: true });
  }
  return join(folder, `${name}.png`);
}
