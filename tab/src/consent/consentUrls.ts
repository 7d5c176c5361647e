/**
 * The addresses of the teacher's consent: the page Teams opens (`auth-start.html`, on the tab's own https origin,
 * told which app and tenant), and Entra's authorize request it sends the teacher on to. Pure, so each part of the
 * request can be checked without a browser.
 */
import type { BookingConsent } from '../api/bookingClient.js';

/** The delegated Microsoft Graph permissions booking needs; asking for them is the point of the consent. */
export const BOOKING_SCOPES = 'Calendars.ReadWrite OnlineMeetings.ReadWrite';

/** Where Entra sends the teacher back: a Web reply URL of the tab app (infra/aad.manifest.json). */
export const CONSENT_END_PATH = '/tab/auth-end.html';

/** Microsoft Entra's sign-in hosts (public cloud, US Government, China): the only places the start page sends to. */
const ENTRA_HOSTS = new Set([
  'login.microsoftonline.com',
  'login.microsoftonline.us',
  'login.chinacloudapi.cn',
  'login.partner.microsoftonline.cn',
]);

const GUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
// A client id is a GUID in Entra; the local simulator's app has a plain name.
const CLIENT_ID = /^[A-Za-z0-9-]{1,64}$/;

/** The page Teams opens for consent (`authentication.authenticate` opens https pages only). */
export function consentStartUrl(host: string, consent: BookingConsent): string {
  const query = new URLSearchParams({
    clientId: consent.clientId,
    tenantId: consent.tenantId,
    authorityHost: consent.authorityHost,
  });
  return `https://${host}/tab/auth-start.html?${query}`;
}

/** The consent the start page was opened for, or undefined when its address was not made by the tab. */
export function consentFromQuery(search: string): BookingConsent | undefined {
  const query = new URLSearchParams(search);
  const clientId = query.get('clientId') ?? '';
  const tenantId = query.get('tenantId') ?? '';
  let authority: URL;
  try {
    authority = new URL(query.get('authorityHost') ?? '');
  } catch {
    return undefined;
  }
  const bareHost = authority.protocol === 'https:' && authority.pathname === '/' && !authority.search;
  if (!CLIENT_ID.test(clientId) || !GUID.test(tenantId) || !bareHost || !ENTRA_HOSTS.has(authority.hostname))
    return undefined;
  return { clientId, tenantId, authorityHost: authority.origin };
}

/**
 * Entra's authorize request asking the teacher's consent to the booking permissions. `prompt=consent` shows the
 * permissions even to someone who signed in before; the code that comes back is never redeemed, because the consent
 * itself is what is wanted. `state` ties the answer to this window.
 */
export function authorizeUrl(consent: BookingConsent, origin: string, state: string): string {
  const query = new URLSearchParams({
    client_id: consent.clientId,
    response_type: 'code',
    redirect_uri: `${origin}${CONSENT_END_PATH}`,
    response_mode: 'query',
    scope: BOOKING_SCOPES,
    prompt: 'consent',
    state,
  });
  return `${consent.authorityHost}/${encodeURIComponent(consent.tenantId)}/oauth2/v2.0/authorize?${query}`;
}

/** What Entra's answer on the end page says: consent given, or Entra's error code. */
export function consentAnswer(
  search: string,
  expectedState: string | null,
): { ok: true } | { ok: false; error: string } {
  const query = new URLSearchParams(search);
  const error = query.get('error');
  if (error) return { ok: false, error };
  if (!expectedState || query.get('state') !== expectedState) return { ok: false, error: 'stateMismatch' };
  return query.get('code') ? { ok: true } : { ok: false, error: 'noAnswer' };
}

/** Where the start page keeps the `state` it sent, for the end page in the same window to compare. */
export const STATE_KEY = 'chaperone.consentState';
