import assert from 'node:assert/strict';
import { mkdtemp, mkdir, writeFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { MAX_BODY_BYTES, queryOf } from '../../bot/src/http/requestParts.js';
import { createHttpServer, type HealthReport } from '../../bot/src/http/server.js';
import { HttpError } from '../../bot/src/http/errors.js';
import { recordingLogger } from '../support/tabServer.js';

describe('http/server', () => {
  let server: restify.Server;
  let base: string;
  let tabDir: string;
  let health: HealthReport = { status: 'ok', checks: { storage: 'ok' } };

  before(async () => {
    tabDir = await mkdtemp(join(tmpdir(), 'tab-'));
    await mkdir(join(tabDir, 'assets'));
    await writeFile(join(tabDir, 'index.html'), '<!doctype html><title>tab</title>');
    await writeFile(join(tabDir, 'assets', 'main-abc.js'), 'console.log(1)');
    await writeFile(join(tabDir, '..', 'secret.txt'), 'not for you').catch(() => undefined);
    server = createHttpServer({ logger: recordingLogger(), health: () => health, tabDir });
    server.post('/echo', async (req: restify.Request, res: restify.Response) => {
      res.json({ got: req.body });
    });
    for (const method of ['put', 'patch'] as const) {
      server[method]('/echo', async (req: restify.Request, res: restify.Response) => {
        res.json({ got: req.body, query: req.query as unknown });
      });
    }
    server.get('/query', async (req: restify.Request, res: restify.Response) => {
      const parsedBeforeAsked = Object.hasOwn(req, 'query');
      res.json({ parsedBeforeAsked, query: queryOf(req) });
    });
    server.get('/boom', async () => {
      throw new Error('database password is hunter2');
    });
    server.get('/teapot', async () => {
      throw new HttpError(418, 'teapot', 'This is a teapot; ask for coffee elsewhere.');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(async () => {
    server.close();
    await rm(tabDir, { recursive: true, force: true });
  });

  it('answers /healthz with 200 when healthy and 503 with the checks when degraded', async () => {
    health = { status: 'ok', checks: { storage: 'ok' } };
    assert.equal((await fetch(`${base}/healthz`)).status, 200);
    health = { status: 'degraded', checks: { storage: 'unreachable' } };
    const res = await fetch(`${base}/healthz`);
    assert.equal(res.status, 503);
    assert.deepEqual(await res.json(), health);
  });

  it('gives every response a correlation id, reusing a safe one from the caller', async () => {
    const fresh = await fetch(`${base}/healthz`);
    assert.match(fresh.headers.get('x-correlation-id') ?? '', /^[0-9a-f-]{36}$/);
    const reused = await fetch(`${base}/healthz`, { headers: { 'x-correlation-id': 'abc12345-trace' } });
    assert.equal(reused.headers.get('x-correlation-id'), 'abc12345-trace');
    const unsafe = await fetch(`${base}/healthz`, { headers: { 'x-correlation-id': 'x\u00e9<script>' } });
    assert.notEqual(unsafe.headers.get('x-correlation-id'), 'x\u00e9<script>');
  });

  it('parses JSON bodies', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"a":1}',
    });
    assert.deepEqual(await res.json(), { got: { a: 1 } });
  });

  it('takes the body and query of PUT and PATCH routes as of POST ones, however they were added', async () => {
    for (const method of ['PUT', 'PATCH']) {
      const res = await fetch(`${base}/echo?x=1`, {
        method,
        headers: { 'content-type': 'application/json' },
        body: '{"a":2}',
      });
      assert.deepEqual(await res.json(), { got: { a: 2 }, query: { x: '1' } }, method);
    }
  });

  it('runs no step before a GET route, which reads its query only when it asks', async () => {
    const res = await fetch(`${base}/query?a=1&b=2&b=3`);
    assert.deepEqual(await res.json(), { parsedBeforeAsked: false, query: { a: '1', b: ['2', '3'] } });
    const none = await fetch(`${base}/query`);
    assert.deepEqual(await none.json(), { parsedBeforeAsked: false, query: {} });
  });

  it('refuses a body over 64 KiB with 413 and a JSON error', async () => {
    const body = JSON.stringify({ pad: 'x'.repeat(MAX_BODY_BYTES) });
    const res = await fetch(`${base}/echo`, { method: 'POST', headers: { 'content-type': 'application/json' }, body });
    assert.equal(res.status, 413);
    const json = (await res.json()) as { error: { code: string; message: string } };
    assert.equal(json.error.code, 'bodyTooLarge');
  });

  it('refuses a body that is not JSON with 415', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'text/plain' },
      body: 'hello',
    });
    assert.equal(res.status, 415);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'unsupportedMediaType');
  });

  it('answers malformed JSON with 400 and a sentence', async () => {
    const res = await fetch(`${base}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":',
    });
    assert.equal(res.status, 400);
    assert.match(((await res.json()) as { error: { message: string } }).error.message, /not valid JSON/);
  });

  it('never shows a stack trace or internal message to the client', async () => {
    const res = await fetch(`${base}/boom`);
    assert.equal(res.status, 500);
    const text = await res.text();
    assert.doesNotMatch(text, /hunter2|at .*\.ts|stack/);
    assert.equal((JSON.parse(text) as { error: { code: string } }).error.code, 'internal');
  });

  it('passes an HttpError through with its status, code and message', async () => {
    const res = await fetch(`${base}/teapot`);
    assert.equal(res.status, 418);
    assert.deepEqual(((await res.json()) as { error: { code: string; message: string } }).error.code, 'teapot');
  });

  it('answers an unknown path with a JSON 404', async () => {
    const res = await fetch(`${base}/nowhere`);
    assert.equal(res.status, 404);
    assert.equal(((await res.json()) as { error: { code: string } }).error.code, 'notFound');
  });

  it('serves the built tab, caching hashed assets and not index.html', async () => {
    const index = await fetch(`${base}/tab/`);
    assert.equal(index.status, 200);
    assert.match(index.headers.get('content-type') ?? '', /text\/html/);
    assert.equal(index.headers.get('cache-control'), 'no-cache');
    const asset = await fetch(`${base}/tab/assets/main-abc.js`);
    assert.equal(await asset.text(), 'console.log(1)');
    assert.match(asset.headers.get('cache-control') ?? '', /immutable/);
  });

  it('refuses path traversal and hidden files in the tab folder', async () => {
    for (const path of [
      '/tab/..%2Fsecret.txt',
      '/tab/%2e%2e/secret.txt',
      '/tab/assets/..%2F..%2Fsecret.txt',
      '/tab/.env',
      '/tab/missing.js',
    ]) {
      const res = await fetch(`${base}${path}`);
      assert.equal(res.status, 404, path);
      assert.doesNotMatch(await res.text(), /not for you/);
    }
  });
});
