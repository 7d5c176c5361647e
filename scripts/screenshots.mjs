#!/usr/bin/env node
// `npm run screenshots`: runs the browser tests with UPDATE_SCREENSHOTS=1, so the pictures they take
// are saved over the README's in docs/screenshots/ (plain `npm test` saves them in a scratch folder).
import { spawnSync } from 'node:child_process';

const run = spawnSync(
  process.execPath,
  ['scripts/test.mjs', 'tests/tab/**/*.test.ts', 'tests/dev/*.browser.test.ts', ...process.argv.slice(2)],
  { stdio: 'inherit', env: { ...process.env, UPDATE_SCREENSHOTS: '1' } },
);
process.exit(run.status ?? 1);
