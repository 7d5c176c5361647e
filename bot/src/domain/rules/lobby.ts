/** Pupils and guests wait in the lobby, and only the organiser lets them in. */
import { LOBBY_SCOPES, type LobbyScope } from '../policy/schema.js';
import { findingOf, type Rule } from './rule.js';

const SCOPE_WORDS: Record<LobbyScope, string> = {
  organizer: 'only the organiser',
  invited: 'people who were invited',
  organizationExcludingGuests: 'people in our school, but not guests',
  organization: 'people in our school and its guests',
  organizationAndFederated: 'people in our school and trusted organisations',
  everyone: 'everyone',
};

/** Whether Teams' lobby setting lets in more people than the policy allows (an unknown setting does). */
export function lobbyTooOpen(actual: string, allowed: LobbyScope): boolean {
  const index = LOBBY_SCOPES.indexOf(actual as LobbyScope);
  return index < 0 || index > LOBBY_SCOPES.indexOf(allowed);
}

/**
 * lobby: the meeting's lobby bypass lets people skip the lobby the policy says must wait. Only the
 * bypass scope is judged here; dial-in bypass and presenters are read and set by the Graph work.
 */
export const lobby: Rule = {
  id: 'lobby',
  source: 'seed 002 line 18, seed 003 line 12, seed 004 line 34',
  enabled: (policy) => policy.lobby.required,
  evaluate(policy, state) {
    const actual = state.lobbyBypassScope;
    if (actual === undefined || !lobbyTooOpen(actual, policy.lobby.maxBypassScope)) return [];
    return [
      findingOf(this, {
        key: 'lobby',
        severity: 'warning',
        audience: ['organizer', 'staffPresent'],
        message:
          'This meeting lets people skip the lobby, so pupils may come in without a member of staff checking they were invited.',
        action: `Open Meeting options and set "Who can bypass the lobby?" to ${SCOPE_WORDS[policy.lobby.maxBypassScope]}.`,
        debounce: false,
      }),
    ];
  },
  describe: (policy) =>
    `Pupils and guests wait in the lobby until a member of staff admits them; ${SCOPE_WORDS[policy.lobby.maxBypassScope]} may bypass it.`,
};
