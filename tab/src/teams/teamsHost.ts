/**
 * Everything the tab asks of Teams, in one place: start-up, context, theme changes and the SSO
 * token. Only `app` and `authentication` from teams-js are imported, which keeps the bundle small;
 * the token comes straight from teams-js (no @microsoft/teamsfx here: its browser credential
 * pulls in msal-browser, ~67 KB gzip, for a token teams-js already gives us).
 */
import { app, authentication } from '@microsoft/teams-js';

/** Teams' theme names. */
export type TeamsTheme = 'default' | 'dark' | 'contrast';

/** What the tab learns from Teams at start-up. */
export interface TeamsContext {
  frameContext: string;
  meetingId?: string;
  /** The deep link's sub-entity (`subEntityId` in the link), when Teams opened the tab through one. */
  subPageId?: string;
  theme: TeamsTheme;
  userName?: string;
}

/** Thrown when the page is not inside Teams (or Teams did not answer in time). */
export class NotInTeamsError extends Error {
  override name = 'NotInTeamsError';
}

/** How long to wait for Teams before saying the page must be opened in Teams. */
const CONNECT_TIMEOUT_MS = 8000;

function asTheme(theme: string | undefined): TeamsTheme {
  return theme === 'dark' || theme === 'contrast' ? theme : 'default';
}

/**
 * Connects to the Teams host and reads the context. Outside Teams `app.initialize()` rejects at
 * once; a host that never answers is caught by the timeout, so the tab never hangs.
 */
export async function connectToTeams(timeoutMs = CONNECT_TIMEOUT_MS): Promise<TeamsContext> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new NotInTeamsError('Teams did not answer in time.')), timeoutMs);
  });
  try {
    await Promise.race([app.initialize(), timeout]);
    const context = await Promise.race([app.getContext(), timeout]);
    app.notifySuccess().catch(() => undefined);
    return {
      frameContext: context.page.frameContext ?? 'content',
      meetingId: context.meeting?.id,
      ...(context.page.subPageId ? { subPageId: context.page.subPageId } : {}),
      theme: asTheme(context.app.theme),
      userName: context.user?.displayName,
    };
  } catch (err) {
    throw err instanceof NotInTeamsError
      ? err
      : new NotInTeamsError(err instanceof Error ? err.message : 'Not in Teams.');
  } finally {
    clearTimeout(timer);
  }
}

/** Calls `handler` whenever the person switches Teams' theme. */
export function onThemeChange(handler: (theme: TeamsTheme) => void): void {
  app.registerOnThemeChangeHandler((theme) => handler(asTheme(theme)));
}

/** The Teams SSO token for our API (Teams caches and refreshes it). */
export function ssoToken(): Promise<string> {
  return authentication.getAuthToken();
}
