/**
 * Teams' consent prompt: the page Microsoft asks the teacher's permission on, opened by Teams in its own
 * window. Kept apart so only the booking chunk pulls in teams-js's `authenticate`.
 */
import { authentication } from '@microsoft/teams-js';

/** The page that starts the consent sign-in (served by the service beside the tab). */
export const CONSENT_PAGE = '/auth-start.html';

/** Shows the consent prompt; resolves true once Teams says the teacher approved, false if the window was closed. */
export async function askConsent(): Promise<boolean> {
  try {
    // Teams opens only https pages; the tab is always served over https in Teams (the local host is http).
    const url = `https://${window.location.host}${CONSENT_PAGE}`;
    await authentication.authenticate({ url, width: 600, height: 535 });
    return true;
  } catch {
    return false;
  }
}
