import assert from 'node:assert/strict';
import { connect, type AddressInfo } from 'node:net';
import type restify from 'restify';
import { createHttpServer } from '../../bot/src/http/server.js';
import { memoryLogger } from '../support/serviceHarness.js';

/**
 * Sends `head` and the first `partial` characters of `body`, then nothing; resolves with all the server sent before
 * closing.
 */
function stallingRequest(port: number, body: string, partial: number): Promise<string> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, '127.0.0.1', () => {
      socket.write(
        `POST /echo HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: ${Buffer.byteLength(body)}\r\n\r\n${body.slice(0, partial)}`,
      );
    });
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString()));
    socket.on('close', () => resolve(text));
    socket.on('error', reject);
  });
}

describe('http/server: request body deadline', () => {
  let server: restify.Server;
  let port: number;
  const logger = memoryLogger();

  before(async () => {
    server = createHttpServer({ logger, health: () => ({ status: 'ok', checks: {} }), requestBodyTimeoutMs: 200 });
    server.post('/echo', async (req: restify.Request, res: restify.Response) => {
      res.json({ got: req.body });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    port = (server.address() as AddressInfo).port;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('answers 408 with a JSON sentence to a body that stops arriving, and closes the connection', async () => {
    const text = await stallingRequest(port, '{"type":"message","text":"hello"}', 10);
    assert.match(text, /^HTTP\/1\.1 408 /);
    assert.match(text, /"code":"requestTimeout"/);
    assert.match(text, /took too long to arrive; check your connection and try again/);
    assert.equal(logger.lines.filter((l) => l.msg === 'request body did not arrive in time: refused').length, 1);
  });

  it('leaves a body that arrived in time alone, even once the deadline has passed', async () => {
    const res = await fetch(`http://127.0.0.1:${port}/echo`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"a":1}',
    });
    assert.deepEqual(await res.json(), { got: { a: 1 } });
    const before = logger.lines.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    assert.equal(logger.lines.length, before, 'no late 408 or log line for a finished request');
  });

  it('refuses a deadline that is not a positive whole number of milliseconds', () => {
    assert.throws(
      () => createHttpServer({ logger, health: () => ({ status: 'ok', checks: {} }), requestBodyTimeoutMs: 0 }),
      RangeError,
    );
  });
});
