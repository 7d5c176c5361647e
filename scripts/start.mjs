#!/usr/bin/env node
// `npm start`: the whole product on one machine. Builds the tab if stale, runs the service from
// source with tsx (no compile step), which starts Azurite (data under .data/) and, in local mode,
// the meeting simulator. Prints one banner when it answers; Ctrl-C stops the service, and with it
// Azurite. Options: --fresh (keep nothing from this run), --policy <preset>.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { ensureTabBuilt } from './tab-build.mjs';

const args = process.argv.slice(2);
const known = new Set(['--fresh', '--policy']);
const unknown = args.filter((a, i) => a.startsWith('--') && !known.has(a) && args[i - 1] !== '--policy');
if (unknown.length) {
  console.error(`Unknown option ${unknown.join(', ')}. Use: npm start -- [--fresh] [--policy strict|<preset>]`);
  process.exit(2);
}

ensureTabBuilt();

const port = process.env.PORT ?? '3978';
const env = {
  ...process.env,
  PORT: port,
  LOG_LEVEL: process.env.LOG_LEVEL ?? 'warn',
  // The sample school (a few staff, a DSL, pupils) the simulator plays with.
  STAFF_DIRECTORY_FILE:
    process.env.STAFF_DIRECTORY_FILE ?? fileURLToPath(new URL('../bot/src/dev/sampleSchool.json', import.meta.url)),
  // The sample school's name and time zone; it names no preset, so the rules stay those of --policy (strict by
  // default).
  POLICY_FILE: process.env.POLICY_FILE ?? fileURLToPath(new URL('../bot/src/dev/samplePolicy.yaml', import.meta.url)),
};
const policyAt = args.indexOf('--policy');
const preset =
  policyAt >= 0
    ? args[policyAt + 1]
    : process.env.POLICY_FILE
      ? `file ${process.env.POLICY_FILE}`
      : (env.POLICY_PRESET ?? 'strict');

// Its own process group, so a last-resort kill also reaches Azurite, the service's child.
const service = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts', ...args], {
  env,
  stdio: 'inherit',
  detached: true,
});
let stopping = false;

async function waitUntilUp() {
  for (let i = 0; i < 600 && service.exitCode === null; i++) {
    try {
      const res = await fetch(`http://127.0.0.1:${port}/healthz`);
      if (res.status === 200 || res.status === 503) return true;
    } catch {
      // Not listening yet.
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return false;
}

waitUntilUp().then((up) => {
  if (!up || stopping) return;
  const local = !env.BOT_ID && env.NODE_ENV !== 'production';
  const lines = local
    ? [
        `Chaperone is running locally (policy: ${preset}; ${args.includes('--fresh') ? 'fresh: nothing from this run is kept' : 'data kept in .data/'}).`,
        `  Meeting simulator:  http://localhost:${port}/dev`,
        '  Try: create a lesson, let two staff and three pupils join, make one member of staff leave,',
        '       then press "+1 min": the remaining teacher gets the staff-pair alert in the feed.',
        '  Ctrl-C stops everything.',
      ]
    : [`Chaperone is running on port ${port} with real credentials (no simulator). Ctrl-C stops it.`];
  console.log(`\n${lines.join('\n')}\n`);
});

function stop(signal) {
  if (stopping) return;
  stopping = true;
  if (service.exitCode === null) service.kill(signal);
  // If the service has not stopped Azurite and itself in time, stop the whole group.
  setTimeout(() => killGroup('SIGKILL'), 8000).unref();
}

function killGroup(signal) {
  try {
    process.kill(-service.pid, signal);
  } catch {
    // The group is already gone.
  }
}

process.on('SIGINT', () => stop('SIGINT'));
process.on('SIGTERM', () => stop('SIGTERM'));
service.on('exit', (code, signal) => {
  killGroup('SIGTERM');
  process.exit(code ?? (signal ? 1 : 0));
});
