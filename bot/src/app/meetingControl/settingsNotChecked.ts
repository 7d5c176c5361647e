/**
 * The one line the organizer reads at lesson start when Chaperone did not check the lesson's meeting
 * options: what was not checked, what to set now, and what to ask IT for. Plain words, no policy
 * citations; never posted in the meeting chat pupils read.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { GraphRefusal, GraphRequirement } from './ports.js';
import { settingsToSet } from '../../domain/rules/meetingOptions.js';
import type { SettingChange } from './planSettings.js';

/** Why a lesson's meeting options were not checked (or not changed) through Graph. */
export type SettingsNotChecked =
  /** Graph refused: `requirement` is what the admin grants. */
  (
    | { reason: GraphRefusal; requirement: GraphRequirement }
    /** Graph did not answer (network, timeout, 5xx), or returned no such meeting. */
    | { reason: 'unavailable' | 'notFound' }
  ) & {
    /** The changes Chaperone found were needed but could not make (Graph refused or failed the change). */
    planned?: SettingChange[];
  };

/** The start card's line when the school has switched Graph off: its choice, so a reminder and no alarm. */
export const SETTINGS_OFF_LINE =
  'Chaperone does not check meeting options at this school, so check the lobby and who can present in Meeting options yourself.';

/** One line: what Chaperone could not check or change, the settings to set by hand now, and who fixes the cause. */
export function settingsNotCheckedLine(policy: Policy, notChecked: SettingsNotChecked): string {
  const what = notChecked.planned?.length ? 'could not change' : 'could not check';
  const settings = settingsToSet(policy, notChecked.planned).join('; ');
  return `Chaperone ${what} this lesson's lobby and presenter settings. Open Meeting options now and set ${settings}. ${nextStep(notChecked)}`;
}

function nextStep(notChecked: SettingsNotChecked): string {
  switch (notChecked.reason) {
    case 'permission':
      return `Ask IT to give Chaperone the Microsoft Graph application permission ${notChecked.requirement.permission}.`;
    case 'accessPolicy':
      return "Ask IT to grant Chaperone's Teams application access policy to you (Grant-CsApplicationAccessPolicy).";
    case 'signIn':
      return "Ask IT to check Chaperone's sign-in to Microsoft Graph.";
    case 'unavailable':
      return 'Microsoft Teams did not answer Chaperone; tell IT if this happens again.';
    case 'notFound':
      return 'Microsoft Teams did not give Chaperone this meeting; tell IT if this happens again.';
  }
}
