// Builds tab/dist with Vite when any tab source is newer than the last build.
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { spawnSync } from 'node:child_process';

const SOURCES = ['tab/src', 'tab/index.html', 'tab/auth-start.html', 'tab/auth-end.html', 'tab/vite.config.ts'];
const MARKER = 'tab/dist/index.html';

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const st = statSync(path);
  if (!st.isDirectory()) return st.mtimeMs;
  return readdirSync(path).reduce((m, name) => Math.max(m, newestMtime(join(path, name))), st.mtimeMs);
}

/** Runs `vite build` for the tab if its output is missing or older than its sources. */
export function ensureTabBuilt() {
  if (!existsSync('tab/src')) return;
  const built = existsSync(MARKER) ? statSync(MARKER).mtimeMs : 0;
  const newest = Math.max(...SOURCES.map(newestMtime));
  if (built >= newest) return;
  console.log('Building the tab bundle (sources changed)...');
  const r = spawnSync(
    process.execPath,
    ['node_modules/vite/bin/vite.js', 'build', '--config', 'tab/vite.config.ts', '--logLevel', 'warn'],
    { stdio: 'inherit' },
  );
  if (r.status !== 0) {
    console.error('The tab build failed; fix the errors above and run the command again.');
    process.exit(r.status ?? 1);
  }
}
