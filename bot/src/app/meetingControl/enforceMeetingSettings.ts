/**
 * Use case: make a lesson's Teams meeting options as safe as the school's policy asks (lobby,
 * dial-in, presenters, microphones), or say exactly who must do what when Chaperone cannot.
 * A Graph failure never throws out of here: it becomes advice, so the bot's other work goes on.
 */
import type { Policy } from '../../domain/policy/schema.js';
import { adminAccessFinding, manualStepsFinding, settingsChangedFinding } from '../../domain/rules/meetingOptions.js';
import type { Finding } from '../../domain/types.js';
import type { Logger } from '../ports.js';
import { GraphPermissionError, type MeetingControl, type MeetingSettings } from './ports.js';
import { planSettings, type SettingChange } from './planSettings.js';
import type { SettingsNotChecked } from './settingsNotChecked.js';

/** What the use case needs. */
export interface EnforceMeetingSettingsDeps {
  meetingControl: MeetingControl;
  logger?: Logger;
}

/** Which meeting to check, under which policy. */
export interface EnforceMeetingSettingsInput {
  policy: Policy;
  /** Entra object id of the meeting's organizer. */
  organizerId: string;
  joinUrl: string;
  /** False for a dry run (`check <meeting>`, the details tab): plan, but change nothing. Default true. */
  apply?: boolean;
}

/** The outcome: settings read (if any), changes made or planned, and findings for people. */
export interface EnforceMeetingSettingsResult {
  meeting?: MeetingSettings;
  /** Changes made (`applied`) or that would be made (dry run, or Graph refused the change). */
  changes: SettingChange[];
  applied: boolean;
  findings: Finding[];
  /** Set when the options could not be checked, or the changes not made: why, for the organizer's one line. */
  notChecked?: SettingsNotChecked;
}

/** Reads the meeting, plans the minimal change and applies it unless this is a dry run. */
export async function enforceMeetingSettings(
  deps: EnforceMeetingSettingsDeps,
  input: EnforceMeetingSettingsInput,
): Promise<EnforceMeetingSettingsResult> {
  const { meetingControl, logger } = deps;
  const { policy } = input;

  let meeting: MeetingSettings | undefined;
  try {
    meeting = await meetingControl.findMeeting(input.organizerId, input.joinUrl);
  } catch (error) {
    logFailure(logger, 'find', error);
    return {
      changes: [],
      applied: false,
      findings: refusalFindings(policy, error),
      notChecked: notCheckedBecause(error),
    };
  }
  if (!meeting) {
    const reason = "Microsoft Teams did not return this lesson's meeting, so Chaperone could not check its options.";
    return {
      changes: [],
      applied: false,
      findings: [manualStepsFinding(policy, reason)],
      notChecked: { reason: 'notFound' },
    };
  }

  const plan = planSettings(policy, meeting);
  if (plan.changes.length === 0 || input.apply === false) {
    return { meeting, changes: plan.changes, applied: false, findings: [] };
  }

  try {
    const after = await meetingControl.updateSettings(meeting, plan.patch);
    logger?.info({ changed: plan.changes.map((c) => c.setting) }, 'meeting options changed to match the policy');
    return { meeting: after, changes: plan.changes, applied: true, findings: [settingsChangedFinding(plan.changes)] };
  } catch (error) {
    logFailure(logger, 'update', error);
    const notChecked = { ...notCheckedBecause(error), planned: plan.changes };
    return {
      meeting,
      changes: plan.changes,
      applied: false,
      findings: refusalFindings(policy, error, plan.changes),
      notChecked,
    };
  }
}

/** A refusal tells the admin what to grant (once) and staff what to click; an outage only the latter. */
function refusalFindings(policy: Policy, error: unknown, planned?: SettingChange[]): Finding[] {
  if (error instanceof GraphPermissionError) {
    const reason = 'Chaperone is not yet allowed to change meeting options.';
    return [adminAccessFinding(error.requirement, error.missing), manualStepsFinding(policy, reason, planned)];
  }
  const reason = "Chaperone could not reach Microsoft Teams to check this lesson's meeting options.";
  return [manualStepsFinding(policy, reason, planned)];
}

function notCheckedBecause(error: unknown): SettingsNotChecked {
  return error instanceof GraphPermissionError
    ? { reason: error.missing, requirement: error.requirement }
    : { reason: 'unavailable' };
}

function logFailure(logger: Logger | undefined, step: 'find' | 'update', error: unknown): void {
  const { name, status, graphCode } = error as { name?: string; status?: number; graphCode?: string };
  logger?.warn(
    { step, error: name, status, graphCode },
    'meeting options could not be checked through Microsoft Graph',
  );
}
