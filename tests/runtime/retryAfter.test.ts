import { strict as assert } from 'node:assert';
import { retryAfterMs } from '../../bot/src/runtime/retryAfter.js';

describe('runtime/retryAfter (RFC 9110 Retry-After)', () => {
  const now = Date.parse('2026-01-15T09:00:00Z');
  it('reads a delay in seconds', () => assert.equal(retryAfterMs('7', now), 7_000));
  it('reads an HTTP date as the time left until it', () =>
    assert.equal(retryAfterMs('Thu, 15 Jan 2026 09:00:30 GMT', now), 30_000));
  it('a date already past means now, never a negative wait', () =>
    assert.equal(retryAfterMs('Thu, 15 Jan 2026 08:00:00 GMT', now), 0));
  it('absent, empty or unreadable: no advice (the caller backs off on its own)', () => {
    for (const value of [undefined, null, '', '  ', 'soon']) assert.equal(retryAfterMs(value, now), undefined);
  });
});
