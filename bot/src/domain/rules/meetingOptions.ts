/**
 * meeting-options: the lesson's Teams meeting options (lobby, dial-in, presenters, microphones) as
 * the policy asks. Chaperone reads and sets them through Graph; these are the findings it raises
 * from what it learned: what it changed, what the IT admin must grant, and the steps staff take by hand.
 */
import type { Policy } from '../policy/schema.js';
import { targetSettingSteps } from '../policy/targetSettings.js';
import type { Finding } from '../types.js';
import { findingOf, type Rule } from './rule.js';

/** The rule's id and the seed lines behind it. */
export const meetingOptions: Pick<Rule, 'id' | 'source'> = {
  id: 'meeting-options',
  source: 'seed 002 line 18; seed 003, bullet 10; seed 004 lines 31, 34, 53',
};

/** One meeting option Chaperone changed, or found must change. */
export interface OptionChange {
  /** Teams' name for the setting in Meeting options. */
  label: string;
  /** The value the policy asks for, in Teams' words. */
  after: string;
  /** e.g. `Who can bypass the lobby: Everyone -> Only organizers and co-organizers`. */
  text: string;
  /** Seed lines the change enforces. */
  source: string;
}

/**
 * What Teams said is missing when it refused: the app's permission, an access policy for the organizer, or a working
 * sign-in.
 */
export type AccessRefusal = 'permission' | 'accessPolicy' | 'signIn';

/** What an admin must grant before Chaperone may act. */
export interface AccessRequirement {
  /** The Graph application permission, admin-consented, e.g. `OnlineMeetings.ReadWrite.All`. */
  permission: string;
  /** Further steps for the admin (PowerShell), in the order they are run. */
  adminSteps: string[];
}

/** Tells the organizer which settings Chaperone changed, before -> after. */
export function settingsChangedFinding(changes: OptionChange[]): Finding {
  const source = [...new Set(changes.map((c) => c.source))].join('; ');
  return findingOf(
    { id: meetingOptions.id, source },
    {
      key: 'meeting-options:changed',
      severity: 'info',
      audience: ['organizer'],
      message: `Chaperone changed this lesson's meeting options to match the school's policy: ${changes.map((c) => c.text).join('; ')}.`,
      action: 'Nothing to do. If you change these options back, Chaperone will set them again at the next check.',
      debounce: false,
    },
  );
}

/**
 * What the IT admin must grant, named exactly: the application permission, or the access policy for
 * the organizer when Teams says that is what is missing. The key is the same for every meeting, so an
 * alert book that de-duplicates by key tells the admin once, not once per lesson.
 */
export function adminAccessFinding(requirement: AccessRequirement, missing: AccessRefusal = 'permission'): Finding {
  const permissionStep = `grant the app the Microsoft Graph application permission ${requirement.permission} (with admin consent)`;
  const steps = missing === 'permission' ? [permissionStep, ...requirement.adminSteps] : requirement.adminSteps;
  return findingOf(meetingOptions, {
    key:
      missing === 'permission' ? `meeting-options:admin:${requirement.permission}` : `meeting-options:admin:${missing}`,
    severity: 'warning',
    audience: ['organizer'],
    message: `Microsoft Teams did not let Chaperone check or change lesson meeting options, because ${REFUSED_BECAUSE[missing](requirement)}.`,
    action: `Ask your IT admin to ${steps.map((s, i) => `(${i + 1}) ${s}`).join(' ')} Until then, set the meeting options by hand.`,
    debounce: false,
  });
}

const REFUSED_BECAUSE: Record<AccessRefusal, (requirement: AccessRequirement) => string> = {
  permission: (r) => `the app has not been given ${r.permission}`,
  accessPolicy: () => "no Teams application access policy lets the app act for this lesson's organizer",
  signIn: () => 'the app could not sign in to Microsoft Graph',
};

/**
 * The steps a teacher takes in Teams when Chaperone cannot (`reason` says why): the planned changes
 * when the meeting was read, else every setting the policy asks for.
 */
export function manualStepsFinding(policy: Policy, reason: string, planned?: OptionChange[]): Finding {
  const steps = settingsToSet(policy, planned).join('; ');
  return findingOf(meetingOptions, {
    key: 'meeting-options:manual',
    severity: 'warning',
    audience: ['organizer', 'staffPresent'],
    message: `${reason} Please check this lesson's meeting options yourself.`,
    action: `In Teams, open the meeting, choose More actions (...) -> Settings -> Meeting options, set: ${steps}; then Save.`,
    debounce: false,
  });
}

/** What to set in Meeting options, one item a setting: the planned changes when known, else all the policy asks for. */
export function settingsToSet(policy: Policy, planned?: Array<Pick<OptionChange, 'label' | 'after'>>): string[] {
  return planned?.length ? planned.map((c) => `${c.label}: ${c.after}`) : targetSettingSteps(policy);
}
