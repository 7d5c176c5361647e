/**
 * Local mode only: the on-behalf-of exchange the simulator's teachers book with. The simulator's
 * sign-in always consents, so a teacher's local sign-in token becomes the token the local fake Graph
 * accepts for them (`delegated:<their object id>`). Never used with real credentials.
 */
import { decodeJwt } from 'jose';
import { DelegatedAccessError } from '../../app/booking/ports.js';
import type { DelegatedTokens } from '../../graph/delegated/delegatedTokens.js';

/** The simulator's exchange: the sign-in token's `oid`, as the fake Graph reads it. */
export const devDelegatedTokens: DelegatedTokens = {
  forUser(ssoToken) {
    try {
      const { oid } = decodeJwt(ssoToken);
      if (typeof oid === 'string' && oid) return Promise.resolve(`delegated:${oid}`);
    } catch {
      // Not a token: asked to sign in again below.
    }
    return Promise.reject(new DelegatedAccessError('signInAgain'));
  },
};
