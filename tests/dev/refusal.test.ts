import { strict as assert } from 'node:assert';
import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import sinon from 'sinon';
import type { Server } from 'restify';
import { loadConfig } from '../../bot/src/config.js';
import { DevRoutesRefused, devRoutes } from '../../bot/src/dev/devRoutes.js';
import type { ServiceCore } from '../../bot/src/compose/startService.js';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { sharedAzurite } from '../support/azurite.js';

/** Real credentials as App Service would have them (fake values: nothing here reaches Azure). */
const PRODUCTION = {
  BOT_ID: '11111111-2222-4333-8444-555555555555',
  BOT_PASSWORD: 'not-a-real-secret',
  AAD_APP_CLIENT_ID: '11111111-2222-4333-8444-555555555555',
  AAD_APP_TENANT_ID: '00000000-0000-4000-8000-00000000fa4e',
  LOG_LEVEL: 'silent',
};

describe('dev: the simulator does not exist when real credentials are configured', function () {
  this.timeout(60_000);

  it('devRoutes refuses a production configuration and mounts nothing', async () => {
    const server = { get: sinon.spy(), post: sinon.spy(), put: sinon.spy(), del: sinon.spy() };
    const core = {
      config: loadConfig({ ...PRODUCTION, STORAGE_CONNECTION_STRING: 'UseDevelopmentStorage=true' }),
    } as unknown as ServiceCore;
    assert.equal(core.config.production, true);
    await assert.rejects(devRoutes(server as unknown as Server, core), DevRoutesRefused);
    for (const method of Object.values(server)) assert.equal(method.callCount, 0);
  });

  describe('the real composition root with BOT_ID set', () => {
    let child: ChildProcess | undefined;
    let base = '';
    before(async () => {
      const azurite = await sharedAzurite();
      const port = await freePort();
      base = `http://127.0.0.1:${port}`;
      child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
        env: {
          ...process.env,
          ...PRODUCTION,
          PORT: String(port),
          STORAGE_CONNECTION_STRING: azurite.connectionString,
          STORAGE_TABLE_PREFIX: `p${randomBytes(4).toString('hex')}`,
          STAFF_DIRECTORY_FILE: '',
        },
        stdio: ['ignore', 'ignore', 'pipe'],
      });
      let stderr = '';
      child.stderr?.on('data', (c: Buffer) => (stderr += c.toString()));
      for (let i = 0; i < 300; i++) {
        if (child.exitCode !== null) throw new Error(`The service exited early: ${stderr}`);
        if (
          await fetch(`${base}/healthz`).then(
            (r) => r.ok,
            () => false,
          )
        )
          return;
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
      throw new Error(`The service did not start: ${stderr}`);
    });
    after(async () => {
      if (child?.exitCode === null) {
        const exited = new Promise((resolve) => child!.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
    });

    for (const [method, path] of [
      ['GET', '/dev'],
      ['GET', '/dev/api/state'],
      ['POST', '/dev/api/lessons'],
      ['POST', '/dev/connector/v3/conversations'],
      ['GET', '/dev/connector/v1/meetings/m/participants/u'],
      ['GET', '/dev/auth/keys'],
      ['GET', '/dev/host'],
      ['GET', '/dev/host/token?user=00000000-0000-4000-8000-0000000000a1'],
      ['GET', '/dev/host/people'],
    ] as const) {
      it(`${method} ${path} is 404`, async () => {
        const res = await fetch(`${base}${path}`, {
          method,
          ...(method === 'POST' ? { headers: { 'content-type': 'application/json' }, body: '{}' } : {}),
        });
        assert.equal(res.status, 404);
      });
    }

    it('while the service itself is up (the 404s are not a dead process)', async () => {
      assert.equal((await fetch(`${base}/healthz`)).status, 200);
    });
  });
});
