/**
 * What the school's policy asks of every lesson's Teams meeting options, and Teams' own words for
 * each setting in Meeting options. Pure: the app compares a meeting read through Graph with this.
 */
import { PRESENTER_SCOPES, type LobbyScope, type Policy } from './schema.js';

export type PresenterScope = Policy['presenters']['allowedPresenters'];

/** The settings the policy asks for; a field is absent when the policy leaves it to the teacher. */
export interface TargetSettings {
  /** The most open lobby bypass allowed. */
  lobbyScope?: LobbyScope;
  /** Always false when present: phone callers wait in the lobby. */
  dialInBypass?: false;
  /** The most open presenter setting allowed. */
  allowedPresenters: PresenterScope;
  /** Always false when present: attendees join muted and the teacher lets them speak. */
  attendeeMicAllowed?: false;
}

/** Teams' wording in Meeting options -> "Who can bypass the lobby?". */
export const LOBBY_LABELS: Record<LobbyScope, string> = {
  organizer: 'Only organizers and co-organizers',
  invited: 'People who were invited',
  organizationExcludingGuests: 'People in my org',
  organization: 'People in my org and guests',
  organizationAndFederated: 'People in my org, trusted orgs and guests',
  everyone: 'Everyone',
};

/** Teams' wording in Meeting options -> "Who can present?". */
export const PRESENTER_LABELS: Record<PresenterScope, string> = {
  organizer: 'Only me and co-organizers',
  roleIsPresenter: 'Specific people',
  organization: 'People in my org and guests',
  everyone: 'Everyone',
};

/** What the policy asks of every lesson meeting. */
export function targetSettings(policy: Policy): TargetSettings {
  // Only presenters can share their screen, so "screen sharing off" caps presenters at named people.
  const presenterCap: PresenterScope = policy.presenters.screenSharingOff ? 'roleIsPresenter' : 'everyone';
  return {
    ...(policy.lobby.required ? { lobbyScope: policy.lobby.maxBypassScope } : {}),
    ...(policy.lobby.required && !policy.lobby.dialInBypass ? { dialInBypass: false as const } : {}),
    allowedPresenters: leastOpen(PRESENTER_SCOPES, policy.presenters.allowedPresenters, presenterCap),
    ...(policy.presenters.muteOnEntry ? { attendeeMicAllowed: false as const } : {}),
  };
}

/** Every setting the policy asks for, one `Label: value` item a setting, as a teacher sets it by hand. */
export function targetSettingSteps(policy: Policy): string[] {
  const target = targetSettings(policy);
  return [
    ...(target.lobbyScope ? [`Who can bypass the lobby: ${LOBBY_LABELS[target.lobbyScope]}`] : []),
    ...(target.dialInBypass === false ? ['People dialing in can bypass the lobby: Off'] : []),
    `Who can present: ${PRESENTER_LABELS[target.allowedPresenters]}`,
    ...(target.attendeeMicAllowed === false ? ['Allow mic for attendees: Off'] : []),
  ];
}

function leastOpen<T extends string>(order: readonly T[], a: T, b: T): T {
  return order.indexOf(a) <= order.indexOf(b) ? a : b;
}
