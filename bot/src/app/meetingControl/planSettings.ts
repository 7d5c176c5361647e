/**
 * Pure planning: what a meeting's settings must become under the school's policy, and the smallest
 * change that gets them there. No I/O; the use case applies the plan.
 */
import { LOBBY_SCOPES, type LobbyScope, type Policy } from '../../domain/policy/schema.js';
import { PRESENTER_SCOPES, type MeetingSettings, type MeetingSettingsPatch, type PresenterScope } from './ports.js';

/** The settings a plan looks at. */
export type PlannedSettings = Pick<MeetingSettings, 'lobbyScope' | 'dialInBypass' | 'allowedPresenters' | 'attendeeMicAllowed'>;

/** One setting Chaperone changes (or would change), with a line a teacher can read. */
export interface SettingChange {
  setting: 'lobbyScope' | 'dialInBypass' | 'allowedPresenters' | 'attendeeMicAllowed';
  /** Teams' name for the setting in Meeting options. */
  label: string;
  before: string;
  after: string;
  /** e.g. `Who can bypass the lobby: Everyone -> Only organizers and co-organizers`. */
  text: string;
  /** Seed lines the change enforces. */
  source: string;
}

/** The patch to send (empty when the meeting already complies) and the changes it makes. */
export interface SettingsPlan {
  patch: MeetingSettingsPatch;
  changes: SettingChange[];
}

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

const LOBBY_SOURCE = 'seed 002 line 18; seed 003, bullet 10; seed 004 line 34';
const PRESENTER_SOURCE = 'seed 004 line 31';
const MIC_SOURCE = 'seed 004 line 53';

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

/** The minimal patch that makes `current` comply with `policy`, and its changes in plain words. */
export function planSettings(policy: Policy, current: PlannedSettings): SettingsPlan {
  const target = targetSettings(policy);
  const patch: MeetingSettingsPatch = {};
  const changes: SettingChange[] = [];

  const lobbyScope = target.lobbyScope && isMoreOpen(LOBBY_SCOPES, current.lobbyScope, target.lobbyScope) ? target.lobbyScope : undefined;
  const dialInOff = target.dialInBypass === false && current.dialInBypass;
  if (lobbyScope) {
    changes.push(change('lobbyScope', labelOf(LOBBY_LABELS, current.lobbyScope), LOBBY_LABELS[lobbyScope], 'Who can bypass the lobby', LOBBY_SOURCE));
  }
  if (dialInOff) {
    changes.push(change('dialInBypass', 'On', 'Off', 'People dialing in can bypass the lobby', LOBBY_SOURCE));
  }
  if (lobbyScope || dialInOff) {
    patch.lobby = {
      scope: lobbyScope ?? (current.lobbyScope as LobbyScope),
      dialInBypass: dialInOff ? false : current.dialInBypass,
    };
  }

  if (isMoreOpen(PRESENTER_SCOPES, current.allowedPresenters, target.allowedPresenters)) {
    patch.allowedPresenters = target.allowedPresenters;
    changes.push(change('allowedPresenters', labelOf(PRESENTER_LABELS, current.allowedPresenters), PRESENTER_LABELS[target.allowedPresenters], 'Who can present (and share their screen)', PRESENTER_SOURCE));
  }

  if (target.attendeeMicAllowed === false && current.attendeeMicAllowed) {
    patch.attendeeMicAllowed = false;
    changes.push(change('attendeeMicAllowed', 'On', 'Off (pupils join muted; staff let them speak)', 'Allow mic for attendees', MIC_SOURCE));
  }

  return { patch, changes };
}

function change(setting: SettingChange['setting'], before: string, after: string, label: string, source: string): SettingChange {
  return { setting, label, before, after, text: `${label}: ${before} -> ${after}`, source };
}

/** True when `value` is more open than `limit`; a value Chaperone does not recognise counts as open. */
function isMoreOpen(order: readonly string[], value: string, limit: string): boolean {
  const rank = order.indexOf(value);
  return rank === -1 || rank > order.indexOf(limit);
}

function leastOpen<T extends string>(order: readonly T[], a: T, b: T): T {
  return order.indexOf(a) <= order.indexOf(b) ? a : b;
}

function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? `"${value}"`;
}
