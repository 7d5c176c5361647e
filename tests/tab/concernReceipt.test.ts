import { strict as assert } from 'node:assert';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { receiptWords } from '../../bot/src/app/concerns/receiptWords.js';
import { createApi, type ConcernInput } from '../../tab/src/api/client.js';
import { formInput } from '../app/concerns/fixtures.js';

/** The side panel's concern receipt reads the DSL number from `POST /api/concerns`'s answer. */
describe("tab/api client: the concern receipt carries the school's DSL number", () => {
  let server: Server;
  let base: string;
  let answer: object = {};

  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(201, { 'content-type': 'application/json' });
        res.end(JSON.stringify(answer));
      });
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((resolve) => server.close(() => resolve())));

  const logConcern = () => createApi(async () => 'token', base).logConcern(formInput() as ConcernInput);

  it('keeps the number the server gave, so the receipt says to phone the DSL on it', async () => {
    answer = { ref: 'C-7K3F9Q', toldDsls: 0, unreachedDsls: 1, dslPhone: '01632 960 123' };
    const receipt = await logConcern();
    assert.equal(receipt.dslPhone, '01632 960 123');
    assert.equal(
      receiptWords(receipt.reach, receipt.dslPhone).warning,
      'Phone the DSL now on 01632 960 123 and give them the reference.',
    );
  });

  it('has no number when the server gave none', async () => {
    answer = { ref: 'C-7K3F9Q', toldDsls: 0, unreachedDsls: 1 };
    assert.equal('dslPhone' in (await logConcern()), false);
  });
});
