#!/usr/bin/env node
// `npm test`: builds the tab bundle when it is missing or stale (the browser tests load it), then
// runs every mocha test. Extra arguments go to mocha, e.g. `npm test -- --grep staff-pair`.
import { spawnSync } from 'node:child_process';
import { ensureTabBuilt } from './tab-build.mjs';

ensureTabBuilt();
const args = process.argv.slice(2);
const files = args.some((a) => !a.startsWith('-')) ? [] : ['tests/**/*.test.ts'];
const mocha = spawnSync(process.execPath, ['node_modules/mocha/bin/mocha.js', ...files, ...args], {
  stdio: 'inherit',
});
process.exit(mocha.status ?? 1);
