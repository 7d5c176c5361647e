/**
 * `auth-start.html`: the page Teams opens in its sign-in window when booking needs the teacher's consent. It sends
 * the teacher on to Microsoft's consent screen for the booking permissions, or says why it cannot.
 */
import { authorizeUrl, consentFromQuery, STATE_KEY } from './consentUrls.js';
import { say } from './sayOnPage.js';

const consent = consentFromQuery(window.location.search);
if (consent) {
  const state = crypto.randomUUID();
  sessionStorage.setItem(STATE_KEY, state);
  say('Opening Microsoft sign-in...');
  window.location.replace(authorizeUrl(consent, window.location.origin, state));
} else {
  say('This permission window was not opened by Chaperone. Close it, then press Book in Chaperone again.');
}
