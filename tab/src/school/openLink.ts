/**
 * Opens a Teams link (a meeting's join link, a call): through Teams when the tab runs inside it
 * (a tab's frame cannot navigate Teams itself), else as the browser's own link would.
 */
import { app } from '@microsoft/teams-js';

/** Teams' deep link that starts a call with one person, by their Entra object id. */
export function callLink(aadObjectId: string): string {
  return `https://teams.microsoft.com/l/call/0/0?users=${encodeURIComponent(aadObjectId)}`;
}

/** Whether the tab is running inside Teams (teams-js answered at start-up). */
export function inTeams(): boolean {
  return app.isInitialized();
}

/**
 * Asks Teams to open `url`; where Teams refuses (a host without deep links), opens it in a new
 * window instead, so the button is never dead.
 */
export function openThroughTeams(url: string): void {
  app.openLink(url).catch(() => window.open(url, '_blank', 'noopener'));
}
