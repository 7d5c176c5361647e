import { strict as assert } from 'node:assert';
import { guarded, isUnavailable, StorageUnavailableError } from '../../bot/src/storage/errors.js';

const failure = (statusCode?: number, code?: string) => Object.assign(new Error('boom'), { statusCode, code });

describe('storage/errors', () => {
  it('counts refused connections, timeouts, throttling and 5xx as unavailable', () => {
    assert.ok(isUnavailable(failure(undefined, 'ECONNREFUSED')));
    assert.ok(isUnavailable(failure(408)));
    assert.ok(isUnavailable(failure(429)));
    assert.ok(isUnavailable(failure(503)));
  });

  it('leaves logic outcomes (404, 409, 412, 400) to the caller', () => {
    for (const status of [400, 404, 409, 412]) assert.equal(isUnavailable(failure(status)), false, String(status));
  });

  it('wraps only unavailable failures, keeping the cause and a sentence with the next step', async () => {
    const cause = failure(500);
    const wrapped = await guarded('load lesson', () => Promise.reject(cause)).catch((e: unknown) => e);
    assert.ok(wrapped instanceof StorageUnavailableError);
    assert.equal(wrapped.cause, cause);
    assert.equal(wrapped.statusCode, 500);
    assert.match(wrapped.message, /can be retried/);
    const conflict = failure(412);
    assert.equal(await guarded('x', () => Promise.reject(conflict)).catch((e: unknown) => e), conflict);
  });
});
