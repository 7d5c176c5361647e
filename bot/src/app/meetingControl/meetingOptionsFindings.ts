/**
 * The findings meeting control raises: what Chaperone changed, what the admin must grant when Graph
 * refuses, and the manual steps staff take when Chaperone cannot act itself.
 */
import type { Policy } from '../../domain/policy/schema.js';
import type { Finding } from '../../domain/types.js';
import type { GraphRefusal, GraphRequirement } from './ports.js';
import { LOBBY_LABELS, PRESENTER_LABELS, targetSettings, type SettingChange } from './planSettings.js';

const SOURCE = 'seed 002 line 18; seed 003, bullet 10; seed 004 lines 31, 34, 53';

/** Tells the organizer which settings Chaperone changed, before -> after. */
export function settingsChangedFinding(changes: SettingChange[]): Finding {
  return {
    ruleId: 'meeting-options',
    key: 'meeting-options:changed',
    severity: 'info',
    audience: ['organizer'],
    message: `Chaperone changed this lesson's meeting options to match the school's policy: ${changes.map((c) => c.text).join('; ')}.`,
    action: 'Nothing to do. If you change these options back, Chaperone will set them again at the next check.',
    debounce: false,
    source: [...new Set(changes.map((c) => c.source))].join('; '),
  };
}

/**
 * What the IT admin must grant, named exactly: the application permission, or the access policy for
 * the organizer when Graph says that is what is missing. The key is the same for every meeting, so an
 * alert book that de-duplicates by key tells the admin once, not once per lesson.
 */
export function adminAccessFinding(requirement: GraphRequirement, missing: GraphRefusal = 'permission'): Finding {
  const permissionStep = `grant the app the Microsoft Graph application permission ${requirement.permission} (with admin consent)`;
  const steps = missing === 'permission' ? [permissionStep, ...requirement.adminSteps] : requirement.adminSteps;
  return {
    ruleId: 'meeting-options',
    key: missing === 'permission' ? `meeting-options:admin:${requirement.permission}` : `meeting-options:admin:${missing}`,
    severity: 'warning',
    audience: ['organizer'],
    message: `Microsoft Teams did not let Chaperone check or change lesson meeting options, because ${REFUSED_BECAUSE[missing](requirement)}.`,
    action: `Ask your IT admin to ${steps.map((s, i) => `(${i + 1}) ${s}`).join(' ')} Until then, set the meeting options by hand.`,
    debounce: false,
    source: SOURCE,
  };
}

const REFUSED_BECAUSE: Record<GraphRefusal, (requirement: GraphRequirement) => string> = {
  permission: (r) => `the app has not been given ${r.permission}`,
  accessPolicy: () => 'no Teams application access policy lets the app act for this lesson\'s organizer',
  signIn: () => 'the app could not sign in to Microsoft Graph',
};

/**
 * The steps a teacher takes in Teams when Chaperone cannot: the planned changes when the meeting was
 * read, else every setting the policy asks for.
 */
export function manualStepsFinding(policy: Policy, reason: string, planned?: SettingChange[]): Finding {
  const steps = settingsToSet(policy, planned);
  return {
    ruleId: 'meeting-options',
    key: 'meeting-options:manual',
    severity: 'warning',
    audience: ['organizer', 'staffPresent'],
    message: `${reason} Please check this lesson's meeting options yourself.`,
    action: `In Teams, open the meeting, choose More actions (...) -> Settings -> Meeting options, set: ${steps.join('; ')}; then Save.`,
    debounce: false,
    source: SOURCE,
  };
}

/** What to set in Meeting options, one item a setting: the planned changes when known, else all the policy asks for. */
export function settingsToSet(policy: Policy, planned?: SettingChange[]): string[] {
  if (planned?.length) return planned.map((c) => `${c.label}: ${c.after}`);
  const target = targetSettings(policy);
  return [
    ...(target.lobbyScope ? [`Who can bypass the lobby: ${LOBBY_LABELS[target.lobbyScope]}`] : []),
    ...(target.dialInBypass === false ? ['People dialing in can bypass the lobby: Off'] : []),
    `Who can present: ${PRESENTER_LABELS[target.allowedPresenters]}`,
    ...(target.attendeeMicAllowed === false ? ['Allow mic for attendees: Off'] : []),
  ];
}
