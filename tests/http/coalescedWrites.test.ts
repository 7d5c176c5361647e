import assert from 'node:assert/strict';
import { createServer, request, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type restify from 'restify';
import { coalesceWrites } from '../../bot/src/http/coalescedWrites.js';
import { createHttpServer } from '../../bot/src/http/server.js';
import { recordingLogger } from '../support/tabServer.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;

/** A plain Node server with coalesced writes, answering with whatever `handle` currently is. */
async function coalescingServer(): Promise<{ server: Server; base: string; handle: (h: Handler) => void }> {
  let current: Handler = (_req, res) => res.end();
  const server = createServer((req, res) => current(req, res));
  coalesceWrites(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return { server, base, handle: (h) => (current = h) };
}

/** What the socket still held right after the answer was ended, and once the turn was over. */
function pendingAroundTurnEnd(socket: { writableLength: number }): Promise<[number, number]> {
  const held = socket.writableLength;
  // Queued after the module's own end-of-turn flush, so it runs once that flush is done.
  return new Promise((resolve) => setImmediate(() => resolve([held, socket.writableLength])));
}

describe('http/coalescedWrites', () => {
  let server: Server;
  let base: string;
  let handle: (h: Handler) => void;

  before(async () => ({ server, base, handle } = await coalescingServer()));
  after(() => server.close());

  it('holds an answer in the socket until the turn ends, then hands it to the kernel', async () => {
    let seen: Promise<[number, number]> | undefined;
    handle((req, res) => {
      res.end('hello');
      seen = pendingAroundTurnEnd(req.socket);
    });
    const answer = await fetch(`${base}/`);
    assert.equal(await answer.text(), 'hello');
    const [held, afterTurn] = await seen!;
    assert.ok(held > 0, 'the answer was still in the socket when the handler returned');
    assert.equal(afterTurn, 0, 'and gone to the kernel when the turn ended');
  });

  it('keeps the order of writes on one connection and answers many connections made at once', async () => {
    handle((req, res) => {
      res.write(`${req.url}:1,`);
      res.write('2,');
      res.end('3');
    });
    const paths = Array.from({ length: 12 }, (_, i) => `/c${i}`);
    const bodies = await Promise.all(paths.map(async (p) => (await fetch(`${base}${p}`)).text()));
    assert.deepEqual(
      bodies,
      paths.map((p) => `${p}:1,2,3`),
    );
  });

  it('loses only the answer of a connection closed before the turn ends, and keeps serving', async () => {
    handle((req, res) => {
      if (req.url === '/gone') {
        res.end('never sent');
        req.socket.destroy();
        return;
      }
      res.end('still here');
    });
    const closed = await new Promise<string>((resolve) => {
      const r = request(`${base}/gone`, (res) => resolve(`answered ${res.statusCode}`));
      r.on('error', (err) => resolve(err.message));
      r.end();
    });
    assert.match(closed, /socket hang up|ECONNRESET/);
    assert.equal(await (await fetch(`${base}/after`)).text(), 'still here');
  });

  it("is how the service's own server sends its answers", async () => {
    const service: restify.Server = createHttpServer({
      logger: recordingLogger(),
      health: () => ({ status: 'ok', checks: {} }),
    });
    let seen: Promise<[number, number]> | undefined;
    service.get('/probe', async (req: restify.Request, res: restify.Response) => {
      res.send(200, { ok: true });
      seen = pendingAroundTurnEnd(req.socket);
    });
    await new Promise<void>((resolve) => service.listen(0, '127.0.0.1', resolve));
    try {
      const answer = await fetch(`http://127.0.0.1:${(service.address() as AddressInfo).port}/probe`);
      assert.deepEqual(await answer.json(), { ok: true });
      const [held, afterTurn] = await seen!;
      assert.ok(held > 0);
      assert.equal(afterTurn, 0);
    } finally {
      service.close();
    }
  });
});
