/**
 * Pure planning: what a meeting's settings must become under the school's policy, and the smallest
 * change that gets them there. No I/O; the use case applies the plan.
 */
import { LOBBY_SCOPES, type LobbyScope, type Policy } from '../../domain/policy/schema.js';
import { PRESENTER_SCOPES } from '../../domain/policy/schema.js';
import { LOBBY_LABELS, PRESENTER_LABELS, targetSettings } from '../../domain/policy/targetSettings.js';
import type { OptionChange } from '../../domain/rules/meetingOptions.js';
import type { MeetingSettings, MeetingSettingsPatch } from './ports.js';

/** The settings a plan looks at. */
export type PlannedSettings = Pick<
  MeetingSettings,
  'lobbyScope' | 'dialInBypass' | 'allowedPresenters' | 'attendeeMicAllowed'
>;

/** One setting Chaperone changes (or would change), with a line a teacher can read. */
export interface SettingChange extends OptionChange {
  setting: 'lobbyScope' | 'dialInBypass' | 'allowedPresenters' | 'attendeeMicAllowed';
  before: string;
}

/** The patch to send (empty when the meeting already complies) and the changes it makes. */
export interface SettingsPlan {
  patch: MeetingSettingsPatch;
  changes: SettingChange[];
}

const LOBBY_SOURCE = 'seed 002 line 18; seed 003, bullet 10; seed 004 line 34';
const PRESENTER_SOURCE = 'seed 004 line 31';
const MIC_SOURCE = 'seed 004 line 53';

/** The minimal patch that makes `current` comply with `policy`, and its changes in plain words. */
export function planSettings(policy: Policy, current: PlannedSettings): SettingsPlan {
  const target = targetSettings(policy);
  const patch: MeetingSettingsPatch = {};
  const changes: SettingChange[] = [];

  const lobbyScope =
    target.lobbyScope && isMoreOpen(LOBBY_SCOPES, current.lobbyScope, target.lobbyScope)
      ? target.lobbyScope
      : undefined;
  const dialInOff = target.dialInBypass === false && current.dialInBypass;
  if (lobbyScope) {
    changes.push(
      change(
        'lobbyScope',
        labelOf(LOBBY_LABELS, current.lobbyScope),
        LOBBY_LABELS[lobbyScope],
        'Who can bypass the lobby',
        LOBBY_SOURCE,
      ),
    );
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
    changes.push(
      change(
        'allowedPresenters',
        labelOf(PRESENTER_LABELS, current.allowedPresenters),
        PRESENTER_LABELS[target.allowedPresenters],
        'Who can present (and share their screen)',
        PRESENTER_SOURCE,
      ),
    );
  }

  if (target.attendeeMicAllowed === false && current.attendeeMicAllowed) {
    patch.attendeeMicAllowed = false;
    changes.push(
      change(
        'attendeeMicAllowed',
        'On',
        'Off (pupils join muted; staff let them speak)',
        'Allow mic for attendees',
        MIC_SOURCE,
      ),
    );
  }

  return { patch, changes };
}

function change(
  setting: SettingChange['setting'],
  before: string,
  after: string,
  label: string,
  source: string,
): SettingChange {
  return { setting, label, before, after, text: `${label}: ${before} -> ${after}`, source };
}

/** True when `value` is more open than `limit`; a value Chaperone does not recognise counts as open. */
function isMoreOpen(order: readonly string[], value: string, limit: string): boolean {
  const rank = order.indexOf(value);
  return rank === -1 || rank > order.indexOf(limit);
}

function labelOf(labels: Record<string, string>, value: string): string {
  return labels[value] ?? `"${value}"`;
}
