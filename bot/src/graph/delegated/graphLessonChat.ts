/**
 * The LessonChat port on Microsoft Graph v1.0, delegated: as the teacher, installs Chaperone in the
 * lesson's meeting chat (`POST /chats/{id}/installedApps`, 201; 409 when it is already there) and adds
 * its tab (`POST /chats/{id}/tabs`, 201), so the bot hears the lesson from its first second and the side
 * panel is ready. Its own token exchange, with its own scopes: a school that did not grant them still
 * books lessons.
 */
import { DelegatedAccessError, type ActingUser, type LessonChat } from '../../app/booking/ports.js';
import { GraphPermissionError, GraphRequestError, type GraphRequirement } from '../../app/meetingControl/ports.js';
import { DEFAULT_GRAPH_BASE_URL, GraphClient, type GraphClientOptions } from '../graphClient.js';
import type { DelegatedTokens } from './delegatedTokens.js';

/** The delegated permissions for adding Chaperone to a lesson's chat: install itself there, and add a tab. */
export const CHAT_SCOPES = [
  'https://graph.microsoft.com/TeamsAppInstallation.ReadWriteSelfForChat',
  'https://graph.microsoft.com/TeamsTab.Create',
];
const INSTALL: GraphRequirement = { permission: 'TeamsAppInstallation.ReadWriteSelfForChat', adminSteps: [] };
const TAB: GraphRequirement = { permission: 'TeamsTab.Create', adminSteps: [] };
/** The side panel tab's id in every meeting (the tab's own configuration step uses the same). */
export const LESSON_TAB_ENTITY_ID = 'chaperone-lesson';

/** Options: the Graph client's, delegated tokens, and what Teams needs to find Chaperone and its tab. */
export type GraphLessonChatOptions = Omit<GraphClientOptions, 'tokens'> & {
  tokens: DelegatedTokens;
  /** `TEAMS_APP_ID`: the app's id in the school's app catalogue. */
  teamsAppId: string;
  /** The side panel's address, `https://<TAB_DOMAIN>/tab/index.html`. */
  contentUrl: string;
};

/** LessonChat backed by Graph, acting as the teacher. */
export class GraphLessonChat implements LessonChat {
  constructor(private readonly options: GraphLessonChatOptions) {}

  async addChaperone(asUser: ActingUser, threadId: string): Promise<void> {
    const { tokens, teamsAppId, contentUrl, ...rest } = this.options;
    let token: Promise<string> | undefined;
    const client = new GraphClient({
      ...rest,
      tokens: { getToken: () => (token ??= tokens.forUser(asUser.ssoToken, CHAT_SCOPES)) },
    });
    const chat = `/chats/${encodeURIComponent(threadId)}`;
    const app = `${(rest.baseUrl ?? DEFAULT_GRAPH_BASE_URL).replace(/\/+$/, '')}/appCatalogs/teamsApps/${teamsAppId}`;
    try {
      await installed(() =>
        client.send({
          method: 'POST',
          path: `${chat}/installedApps`,
          body: { 'teamsApp@odata.bind': app },
          requires: INSTALL,
        }),
      );
      await client.send({
        method: 'POST',
        path: `${chat}/tabs`,
        body: {
          displayName: 'Chaperone',
          'teamsApp@odata.bind': app,
          configuration: { entityId: LESSON_TAB_ENTITY_ID, contentUrl, websiteUrl: contentUrl },
        },
        requires: TAB,
      });
    } catch (error) {
      if (!(error instanceof GraphPermissionError)) throw error;
      throw error.status === 401
        ? new DelegatedAccessError('signInAgain')
        : new DelegatedAccessError('notGranted', error.requirement.permission);
    }
  }
}

/** Installs, counting "already installed" (409) as done. */
async function installed(call: () => Promise<unknown>): Promise<void> {
  try {
    await call();
  } catch (error) {
    if (!(error instanceof GraphRequestError && error.status === 409)) throw error;
  }
}
