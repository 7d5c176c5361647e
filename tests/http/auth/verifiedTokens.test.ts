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

  describe('the last token on each connection', () => {
    it('answers the same token on the same connection until its expiry, even after the shared cache dropped it', () => {
      const cache = new VerifiedTokens(1);
      const poller = {};
      cache.remember('token-a', ADAMS, T0 + 60_000, T0, poller);
      cache.remember('token-b', { ...ADAMS, name: 'B' }, T0 + 60_000, T0);
      assert.equal(cache.get('token-a', T0), undefined, 'the shared cache keeps only token-b');
      assert.deepEqual(cache.get('token-a', T0 + 59_999, poller), ADAMS);
      assert.equal(cache.get('token-a', T0 + 60_000, poller), undefined);
    });

    it('takes a connection found in the shared cache and answers it there next time', () => {
      const cache = new VerifiedTokens(1);
      const poller = {};
      cache.remember('token-a', ADAMS, T0 + 60_000, T0);
      assert.deepEqual(cache.get('token-a', T0, poller), ADAMS);
      cache.remember('token-b', { ...ADAMS, name: 'B' }, T0 + 60_000, T0);
      assert.deepEqual(cache.get('token-a', T0, poller), ADAMS);
    });

    it("never answers another token on the same connection (a proxy's) with the first caller", () => {
      const cache = new VerifiedTokens();
      const shared = {};
      cache.remember('token-a', ADAMS, T0 + 60_000, T0, shared);
      assert.equal(cache.get('token-b', T0, shared), undefined);
      assert.equal(cache.get('token-a ', T0, shared), undefined);
      assert.deepEqual(cache.get('token-a', T0, shared), ADAMS);
    });

    it('does not carry a token to another connection beyond what the shared cache knows', () => {
      const cache = new VerifiedTokens(1);
      cache.remember('token-a', ADAMS, T0 + 60_000, T0, {});
      cache.remember('token-b', { ...ADAMS, name: 'B' }, T0 + 60_000, T0);
      assert.equal(cache.get('token-a', T0, {}), undefined);
    });

    it('remembers nothing on a connection when the cache is off', () => {
      const cache = new VerifiedTokens(0);
      const poller = {};
      cache.remember('token-a', ADAMS, T0 + 60_000, T0, poller);
      assert.equal(cache.get('token-a', T0, poller), undefined);
    });
  });
});
