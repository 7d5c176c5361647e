import assert from 'node:assert/strict';
import { VerifiedTokens } from '../../../bot/src/http/auth/verifiedTokens.js';

const ADAMS = {
  tenantId: '0f0e0d0c-0000-4000-8000-00000000a001',
  aadObjectId: 'aaaaaaaa-0000-4000-8000-000000000001',
  name: 'Ms Adams',
};
const T0 = 1_700_000_000_000;

describe('http/auth/verifiedTokens', () => {
  it('answers a remembered token until just before its expiry, and never at or after it', () => {
    const cache = new VerifiedTokens();
    cache.remember('token-a', ADAMS, T0 + 60_000, T0);
    assert.deepEqual(cache.get('token-a', T0 + 59_999), ADAMS);
    assert.equal(cache.get('token-a', T0 + 60_000), undefined);
    // An expired entry is dropped, not kept for later.
    assert.equal(cache.get('token-a', T0), undefined);
  });

  it('does not remember a token that has already expired', () => {
    const cache = new VerifiedTokens();
    cache.remember('token-a', ADAMS, T0, T0);
    assert.equal(cache.size, 0);
  });

  it("never answers one token with another token's caller", () => {
    const cache = new VerifiedTokens();
    cache.remember('token-a', ADAMS, T0 + 60_000, T0);
    assert.equal(cache.get('token-b', T0), undefined);
    assert.equal(cache.get('token-a ', T0), undefined);
  });

  it('keeps at most its bound, dropping the least recently used token first', () => {
    const cache = new VerifiedTokens(2);
    cache.remember('token-a', ADAMS, T0 + 60_000, T0);
    cache.remember('token-b', { ...ADAMS, name: 'B' }, T0 + 60_000, T0);
    assert.ok(cache.get('token-a', T0), 'a is now the most recently used');
    cache.remember('token-c', { ...ADAMS, name: 'C' }, T0 + 60_000, T0);
    assert.equal(cache.size, 2);
    assert.equal(cache.get('token-b', T0), undefined);
    assert.ok(cache.get('token-a', T0));
    assert.ok(cache.get('token-c', T0));
  });

  it('remembers nothing when its bound is 0 (cache turned off)', () => {
    const cache = new VerifiedTokens(0);
    cache.remember('token-a', ADAMS, T0 + 60_000, T0);
    assert.equal(cache.get('token-a', T0), undefined);
  });
});
