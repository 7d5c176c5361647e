/**
 * Teams' consent prompt: Teams opens our `auth-start.html` in its own window, which sends the teacher to Microsoft's
 * consent screen for the booking permissions. Kept apart so only the booking chunk calls teams-js's `authenticate`.
 */
import { authentication } from '@microsoft/teams-js';
import type { BookingConsent } from '../api/bookingClient.js';
import { consentStartUrl } from '../consent/consentUrls.js';

/**
 * Shows the consent prompt for `consent` (the app and tenant `GET /api/bookings/me` named); resolves true once Teams
 * says the teacher approved, false if the window was closed, Microsoft refused, or there is nothing to consent to.
 */
export async function askConsent(consent: BookingConsent | undefined): Promise<boolean> {
  if (!consent) return false;
  try {
    // Teams opens only https pages, and serves the tab over https (the local host is http, and opens nothing).
    await authentication.authenticate({ url: consentStartUrl(window.location.host, consent), width: 600, height: 535 });
    return true;
  } catch {
    return false;
  }
}

/**
 * Sends once; when Microsoft asks for the teacher's permission, shows Teams' prompt (`ask`) and, once approved, sends
 * the very same request again. `noConsent` when the prompt was closed: nothing more is sent.
 */
export async function sendWithConsent<A extends { kind: string }>(
  send: () => Promise<A>,
  ask: () => Promise<boolean>,
): Promise<A | { kind: 'noConsent' }> {
  const answer = await send();
  if (answer.kind !== 'consentRequired') return answer;
  return (await ask()) ? send() : { kind: 'noConsent' };
}
