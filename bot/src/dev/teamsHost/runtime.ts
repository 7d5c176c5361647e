/**
 * What the simulated Teams host tells teams-js at `initialize`: a runtime config in teams-js 2.x's
 * current format (apiVersion 4) listing the capabilities a meeting tab in Teams on the web has, the people
 * picker included.
 */
export const HOST_RUNTIME = {
  apiVersion: 4,
  isLegacyTeams: false,
  hostVersionsInfo: { adaptiveCardSchemaVersion: { majorVersion: 1, minorVersion: 5 } },
  supports: {
    app: {},
    appEntity: {},
    call: {},
    chat: {},
    conversations: {},
    dialog: { card: { bot: {} }, url: { bot: {}, parentCommunication: {} }, update: {} },
    interactive: {},
    meeting: {},
    menus: {},
    people: {},
    pages: { appButton: {}, tabs: {}, config: {}, backStack: {}, fullTrust: {} },
    sharing: {},
    stageView: {},
    teams: { fullTrust: {} },
    teamsCore: {},
  },
} as const;

/** The teams-js version the host claims to support (matches the installed SDK). */
export const HOST_SDK_VERSION = '2.58.0';
