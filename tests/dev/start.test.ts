import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../../bot/src/storage/localAzurite.js';

/** Pids of every process descended from `root` (from `ps`). */
function descendants(root: number): number[] {
  const rows = execFileSync('ps', ['-eo', 'pid=,ppid='], { encoding: 'utf8' })
    .trim()
    .split('\n')
    .map((l) => l.trim().split(/\s+/).map(Number));
  const found: number[] = [];
  const walk = (pid: number): void => {
    for (const [child, parent] of rows) {
      if (parent !== pid || child === undefined) continue;
      found.push(child);
      walk(child);
    }
  };
  walk(root);
  return found;
}

const alive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
};

describe('scripts/start.mjs (npm start)', function () {
  this.timeout(90_000);

  /** Starts `npm start`'s script with `args`, and resolves once it has printed the simulator's URL. */
  async function started(args: string[], env: Record<string, string> = {}) {
    const port = await freePort();
    const start = spawn(process.execPath, ['scripts/start.mjs', ...args], {
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'silent', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run = { start, port, out: '' };
    start.stdout.on('data', (c: Buffer) => (run.out += c.toString()));
    start.stderr.on('data', (c: Buffer) => (run.out += c.toString()));
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    for (let i = 0; i < 600 && !run.out.includes('/dev'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
    return { start, port, exited, out: run.out };
  }

  it('prints one banner with the simulator URL, serves it, and Ctrl-C stops the service and Azurite', async () => {
    const { start, port, exited, out } = await started(['--fresh', '--policy', 'goodmayes']);
    try {
      assert.match(out, new RegExp(`Meeting simulator: +http://localhost:${port}/dev`), out);
      assert.match(out, /policy: goodmayes/);
      assert.equal(out.match(/Chaperone is running/g)?.length, 1, 'one banner');
      assert.equal((await fetch(`http://127.0.0.1:${port}/dev`)).status, 200);
      const children = descendants(start.pid!);
      assert.ok(children.length >= 2, 'the service and its Azurite run under npm start');
      start.kill('SIGINT');
      assert.equal(await exited, 0);
      for (let i = 0; i < 50 && children.some(alive); i++) await new Promise((resolve) => setTimeout(resolve, 100));
      assert.deepEqual(children.filter(alive), [], 'nothing npm start started is left running');
    } finally {
      if (start.exitCode === null) start.kill('SIGKILL');
    }
  });

  it('--fresh neither reads nor changes the data folder: events an earlier run held stay for the next ordinary start', async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'chaperone-start-'));
    const journal = join(dataDir, 'held-events');
    mkdirSync(journal);
    const held = {
      key: { tenantId: 'tenant-earlier', meetingId: 'meeting-earlier' },
      event: { kind: 'meetingEnded', id: 'event-earlier', at: Date.parse('2026-01-15T10:00:00Z') },
    };
    writeFileSync(join(journal, 'held-earlier-run.jsonl'), `${JSON.stringify(held)}\n`);
    const before = readdirSync(journal);
    const { start, port, exited } = await started(['--fresh'], { DATA_DIR: dataDir });
    try {
      assert.equal((await fetch(`http://127.0.0.1:${port}/healthz`)).status, 200);
      start.kill('SIGINT');
      assert.equal(await exited, 0);
      assert.deepEqual(readdirSync(dataDir), ['held-events'], 'no tables or journals of its own');
      assert.deepEqual(readdirSync(journal), before, 'the earlier journal is neither claimed nor removed');
      assert.equal(readFileSync(join(journal, before[0]!), 'utf8'), `${JSON.stringify(held)}\n`);
    } finally {
      if (start.exitCode === null) start.kill('SIGKILL');
    }
  });
});
