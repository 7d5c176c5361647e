/**
 * Local stand-ins for what App Service gives the built service: its managed identity endpoint, and Azure Table
 * Storage that accepts only that identity's bearer tokens.
 */
import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { dirname, join } from 'node:path';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { sampleSchool } from '../support/activities.js';
import { ROOT } from './shippingFiles.js';

const school = sampleSchool();
/** The client id of the Web App's user-assigned managed identity. */
export const IDENTITY_CLIENT_ID = '22222222-3333-4444-8555-666666666666';
/** The test TLS certificate (`crt`) or key (`key`). */
export const TLS = (ext: string) => join(ROOT, 'tests/fixtures/tls', `localhost-test.${ext}`);

/**
 * App Service's managed identity endpoint (api-version 2019-08-01), issuing JWTs with the claims Azurite checks (it
 * never checks signatures).
 */
export async function fakeManagedIdentity() {
  const requests: Array<{ resource: string; clientId?: string }> = [];
  const part = (value: object) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const server: Server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const resource = url.searchParams.get('resource') ?? '';
    requests.push({ resource, clientId: url.searchParams.get('client_id') ?? undefined });
    // Not chained: once restify is loaded in this process, its patched writeHead returns nothing.
    if (req.headers['x-identity-header'] !== 'fake-identity-header' || !resource) {
      res.writeHead(400);
      return void res.end();
    }
    const now = Math.floor(Date.now() / 1000);
    const claims = {
      aud: resource,
      iss: `https://sts.windows.net/${school.tenantId}/`,
      tid: school.tenantId,
      oid: IDENTITY_CLIENT_ID,
    };
    Object.assign(claims, { iat: now - 60, nbf: now - 60, exp: now + 3600 });
    const unsigned = `${part({ alg: 'HS256', typ: 'JWT' })}.${part(claims)}`;
    const token = `${unsigned}.${createHmac('sha256', 'test-only-identity-key').update(unsigned).digest('base64url')}`;
    const body = { access_token: token, expires_on: String(now + 3600), resource, token_type: 'Bearer' };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}/msi/token`;
  return { requests, endpoint, stop: () => new Promise<void>((r) => server.close(() => r())) };
}

/** Azurite's Table service over HTTPS with OAuth on: the only way it accepts a managed identity's bearer tokens. */
export async function azuriteWithOAuth(): Promise<{ accountUrl: string; stop(): void }> {
  const port = await freePort();
  const main = join(dirname(createRequire(import.meta.url).resolve('azurite/package.json')), 'dist/src/table/main.js');
  const child = spawn(
    process.execPath,
    [
      main,
      '--tableHost',
      '127.0.0.1',
      '--tablePort',
      String(port),
      '--inMemoryPersistence',
      '--disableTelemetry',
      '--skipApiVersionCheck',
      '--silent',
      '--cert',
      TLS('crt'),
      '--key',
      TLS('key'),
      '--oauth',
      'basic',
    ],
    { stdio: ['ignore', 'pipe', 'ignore'] },
  );
  await new Promise<void>((resolve, reject) => {
    let out = '';
    child.stdout.on('data', (c: Buffer) =>
      (out += c.toString()).includes('successfully started') ? resolve() : undefined,
    );
    child.once('exit', (code) => reject(new Error(`Azurite exited (${code}): ${out}`)));
  });
  child.stdout.resume();
  return { accountUrl: `https://127.0.0.1:${port}/devstoreaccount1`, stop: () => void child.kill('SIGKILL') };
}
