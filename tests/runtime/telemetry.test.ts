import { strict as assert } from 'node:assert';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import type { IncomingMessage } from 'node:http';
import { createServer } from 'node:https';
import { fileURLToPath } from 'node:url';
import type { AddressInfo } from 'node:net';
import { gunzipSync } from 'node:zlib';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { sharedAzurite } from '../support/azurite.js';

async function body(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const raw = Buffer.concat(chunks);
  return (req.headers['content-encoding'] === 'gzip' ? gunzipSync(raw) : raw).toString('utf8');
}

describe('runtime: Application Insights telemetry', function () {
  this.timeout(60_000);

  it('with APPLICATIONINSIGHTS_CONNECTION_STRING set, the service exports its telemetry (here: its Table Storage calls) to Application Insights, without secrets', async () => {
    const received: string[] = [];
    // The exporter only speaks https: a test-only certificate for 127.0.0.1, trusted by the child alone.
    const tls = (name: string) => fileURLToPath(new URL(`../fixtures/tls/localhost-test.${name}`, import.meta.url));
    const ingestion = createServer({ key: readFileSync(tls('key')), cert: readFileSync(tls('crt')) }, (req, res) => {
      void body(req).then((text) => {
        received.push(text);
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify({ itemsReceived: 1, itemsAccepted: 1, errors: [] }));
      });
    });
    await new Promise<void>((resolve) => ingestion.listen(0, '127.0.0.1', resolve));
    const azurite = await sharedAzurite();
    const port = await freePort();
    const child = spawn(process.execPath, ['--import', 'tsx', 'bot/src/index.ts'], {
      env: {
        ...process.env,
        PORT: String(port),
        LOG_LEVEL: 'warn',
        NODE_EXTRA_CA_CERTS: tls('crt'),
        STORAGE_CONNECTION_STRING: azurite.connectionString,
        STORAGE_TABLE_PREFIX: `tel${Date.now().toString(36)}`,
        APPLICATIONINSIGHTS_CONNECTION_STRING: `InstrumentationKey=00000000-0000-4000-8000-000000000001;IngestionEndpoint=https://127.0.0.1:${(ingestion.address() as AddressInfo).port}/`,
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    try {
      const deadline = Date.now() + 40_000;
      let healthy = false;
      while (Date.now() < deadline && !healthy) {
        healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
          (r) => r.ok,
          () => false,
        );
        if (!healthy) await new Promise((r) => setTimeout(r, 200));
      }
      assert.ok(healthy, `the service started: ${stderr.slice(0, 2000)}`);
      const storageCallSeen = () => received.some((t) => t.includes('RemoteDependency') && t.includes('/Tables'));
      while (Date.now() < deadline && !storageCallSeen()) await new Promise((r) => setTimeout(r, 250));
      assert.ok(
        storageCallSeen(),
        `no storage dependency among ${received.length} batches; service said: ${stderr.slice(-1500)}`,
      );
      assert.ok(!received.some((t) => t.includes('AccountKey=')), 'no storage secret in telemetry');
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
      await new Promise<void>((resolve) => ingestion.close(() => resolve()));
    }
  });
});
