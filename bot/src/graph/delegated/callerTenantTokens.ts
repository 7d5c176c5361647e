/**
 * The on-behalf-of exchange as the service configures it: teamsfx's, for the tab app, in the tenant of
 * each sign-in token (a trust's schools each sign in at home).
 */
import { decodeJwt } from 'jose';
import { DelegatedAccessError } from '../../app/booking/ports.js';
import type { Config } from '../../config.js';
import { teamsfxDelegatedTokens, type DelegatedTokens, type OboCredentialFactory } from './delegatedTokens.js';

/**
 * teamsfx's exchange for the tab app, in the tenant of each sign-in token (a trust's schools each sign in at home);
 * undefined without the tab app's secret. `createCredential`: teamsfx's credential unless a test drives it.
 */
export function callerTenantTokens(
  config: Pick<Config, 'booking' | 'auth'>,
  createCredential?: OboCredentialFactory,
): DelegatedTokens | undefined {
  const app = config.booking.onBehalfOf;
  if (!app) return undefined;
  return {
    forUser(ssoToken, scopes) {
      // The booking routes verified this token before Graph is called; its `tid` is the caller's tenant.
      const tenantId = tenantOf(ssoToken);
      if (!tenantId) return Promise.reject(new DelegatedAccessError('signInAgain'));
      const options = { ...app, tenantId, authorityHost: config.auth.authorityHost };
      return teamsfxDelegatedTokens(options, createCredential).forUser(ssoToken, scopes);
    },
  };
}

function tenantOf(ssoToken: string): string | undefined {
  try {
    const { tid } = decodeJwt(ssoToken);
    return typeof tid === 'string' && tid ? tid : undefined;
  } catch {
    return undefined;
  }
}
