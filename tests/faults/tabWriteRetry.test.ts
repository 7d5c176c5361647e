import { strict as assert } from 'node:assert';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ApiError, createApi } from '../../tab/src/api/client.js';

/**
 * The side panel's API client keeps one request id per action: when a write is lost on the way
 * (dropped connection, 503), the retry carries the same id, so the server applies it once.
 */
describe('faults: side-panel writes retried with the same request id', () => {
  let server: Server;
  let base: string;
  let answers: Array<(req: IncomingMessage, res: ServerResponse) => void>;
  const ids: string[] = [];

  before(async () => {
    server = createServer((req, res) => {
      let text = '';
      req.on('data', (chunk: Buffer) => (text += chunk.toString()));
      req.on('end', () => {
        ids.push((JSON.parse(text) as { clientRequestId: string }).clientRequestId);
        (answers.shift() ?? ok)(req, res);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  beforeEach(() => {
    ids.length = 0;
    answers = [];
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  // writeHead and end apart: instrumentation loaded by other tests may wrap writeHead without returning the response.
  const reply = (res: ServerResponse, code: number, body: object): void => {
    res.writeHead(code, { 'content-type': 'application/json' });
    res.end(JSON.stringify(body));
  };
  const ok = (_req: IncomingMessage, res: ServerResponse): void => reply(res, 200, { outcome: 'applied', status: {} });
  const drop = (req: IncomingMessage): void => void req.socket.destroy();
  const status =
    (code: number) =>
    (_req: IncomingMessage, res: ServerResponse): void =>
      reply(res, code, { error: { code: 'x', message: 'Try later.' } });
  const api = () => createApi(async () => 'token', base);

  it('resends a write whose connection dropped, and one the service answered 503, with the same id', async () => {
    answers = [drop, status(503), ok];
    await api().write('meeting', 'breach', { note: 'Camera on' });
    assert.equal(ids.length, 3);
    assert.equal(new Set(ids).size, 1, 'every try carried the same request id');
  });

  it('gives the next action a new id', async () => {
    await api().write('meeting', 'breach', {});
    await api().write('meeting', 'breach', {});
    assert.equal(new Set(ids).size, 2);
  });

  it('does not resend a write the server refused (409 reused id, 400), and lets the sentence through', async () => {
    answers = [status(409)];
    await assert.rejects(
      api().write('meeting', 'breach', {}),
      (e: unknown) => e instanceof ApiError && e.status === 409 && e.message === 'Try later.',
    );
    assert.equal(ids.length, 1);
  });
});
