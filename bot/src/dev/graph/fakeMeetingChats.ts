/**
 * The fake Graph's meeting chats: `POST /chats/{id}/installedApps` (201; 409 `Conflict` when the app
 * is already installed) and `POST /chats/{id}/tabs` (201 with the tab), for the chats of meetings the
 * caller organises (anyone else: 403, as Graph answers a non-member); the app must be installed in the
 * chat before its tab is added (400 otherwise, as Teams refuses a tab of an app not in the chat).
 */
import { graphError, type Reply } from './fakeGraphHttp.js';

type Json = Record<string, unknown>;

/** Apps and tabs added to meeting chats, by chat (thread) id. */
export class FakeMeetingChats {
  /** The apps installed in each chat (their catalogue ids). */
  readonly apps = new Map<string, Set<string>>();
  /** The tabs added to each chat. */
  readonly tabs = new Map<string, Json[]>();

  /** `organizes(user, chatId)`: whether the user organises the meeting the chat belongs to. */
  constructor(private readonly organizes: (user: string, chatId: string) => boolean) {}

  /** Answers a POST to `/chats/{chatId}/{what}`. */
  post(user: string, chatId: string, what: string, body: Json | undefined): Reply {
    if (!this.organizes(user, chatId)) return graphError(403, 'Forbidden');
    const appId = appOf(body);
    if (!appId) return graphError(400, 'BadRequest');
    const installed = this.apps.get(chatId) ?? new Set<string>();
    if (what === 'installedApps') {
      if (installed.has(appId)) return graphError(409, 'Conflict');
      this.apps.set(chatId, installed.add(appId));
      return { status: 201 };
    }
    if (!installed.has(appId)) return graphError(400, 'BadRequest');
    const tab = { id: `tab-${(this.tabs.get(chatId)?.length ?? 0) + 1}`, ...body };
    this.tabs.set(chatId, [...(this.tabs.get(chatId) ?? []), tab]);
    return { status: 201, body: tab };
  }
}

/** The app a request binds (`teamsApp@odata.bind` ending in `/appCatalogs/teamsApps/{id}`). */
function appOf(body: Json | undefined): string | undefined {
  const bind = body?.['teamsApp@odata.bind'];
  return typeof bind === 'string' ? /\/appCatalogs\/teamsApps\/([^/]+)$/.exec(bind)?.[1] : undefined;
}
