/**
 * `auth-end.html`: where Microsoft sends the teacher back after the consent screen. It tells Teams how it went
 * (Teams then closes the window and the form sends the booking again); the code Microsoft sends is not used.
 */
import { app, authentication } from '@microsoft/teams-js';
import { consentAnswer, STATE_KEY } from './consentUrls.js';
import { say } from './sayOnPage.js';

const answer = consentAnswer(window.location.search, sessionStorage.getItem(STATE_KEY));
sessionStorage.removeItem(STATE_KEY);
app.initialize().then(
  () => {
    if (answer.ok) authentication.notifySuccess();
    else authentication.notifyFailure(answer.error);
  },
  () => say('Teams did not open this window, so there is nothing to finish here. You can close it.'),
);
