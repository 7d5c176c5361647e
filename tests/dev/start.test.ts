import { strict as assert } from 'node:assert';
import { execFileSync, spawn } from 'node:child_process';
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

  it('prints one banner with the simulator URL, serves it, and Ctrl-C stops the service and Azurite', async () => {
    const port = await freePort();
    const start = spawn(process.execPath, ['scripts/start.mjs', '--fresh', '--policy', 'goodmayes'], {
      env: { ...process.env, PORT: String(port), LOG_LEVEL: 'silent' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    start.stdout.on('data', (c: Buffer) => (out += c.toString()));
    start.stderr.on('data', (c: Buffer) => (out += c.toString()));
    const exited = new Promise<number | null>((resolve) => start.once('exit', (code) => resolve(code)));
    try {
      for (let i = 0; i < 600 && !out.includes('/dev'); i++) await new Promise((resolve) => setTimeout(resolve, 100));
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
});
