import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { processCpu, stopReadingCpu } from '../../bench/emulatorCpu.js';

describe('bench/emulatorCpu', () => {
  after(stopReadingCpu);

  it("reads another process's CPU: a child that spends 300 ms of its own CPU shows at least that", async () => {
    // The child starts when told and measures its own CPU, so the test waits on work done, not on time passing.
    const burn =
      "process.stdin.once('data', () => { const t = process.cpuUsage(); " +
      'while (process.cpuUsage(t).user + process.cpuUsage(t).system < 300000) {} ' +
      "console.log('done'); });";
    const child = spawn(process.execPath, ['-e', burn], { stdio: ['pipe', 'pipe', 'inherit'] });
    try {
      const read = processCpu(child.pid);
      const before = await read();
      assert.ok(before !== undefined, 'read before');
      const done = once(child.stdout!, 'data');
      child.stdin!.write('go\n');
      await done;
      const after = await read();
      assert.ok(after !== undefined && after - before >= 250_000, `spent ${String(after)} - ${before} us`);
    } finally {
      child.kill();
    }
  });

  it('reads nothing for a process that is not there, or without a pid', async () => {
    assert.equal(await processCpu(undefined)(), undefined);
    const gone = spawn(process.execPath, ['-e', '']);
    await once(gone, 'exit');
    assert.equal(await processCpu(gone.pid)(), undefined);
  });
});
