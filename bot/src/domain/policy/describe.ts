/**
 * The policy in plain words for teachers: one line per rule the policy switches on. Each line keeps
 * the seed lines it comes from in `source`, for the code and its tests; people never see them.
 * Used by the `policy` command and the meeting details tab.
 */
import { RULES } from '../rules/index.js';
import type { Policy } from './schema.js';

/** One line of the policy as a teacher reads it. */
export interface PolicyLine {
  ruleId: string;
  text: string;
  /** The seed lines behind it (for the code and tests; never shown to people). */
  source: string;
}

/** The name the policy schema gives a school that configured none: a placeholder, never shown to people. */
export const UNNAMED_SCHOOL = 'Our school';

/** The school's name as configured, or undefined while it is empty or still the placeholder. */
export function configuredSchoolName(name: string): string | undefined {
  const trimmed = name.trim();
  return trimmed && trimmed !== UNNAMED_SCHOOL ? trimmed : undefined;
}

/** How a sentence names the school: its configured name, else "your school" ("Your school" to start a sentence). */
export function schoolInWords(name: string, startOfSentence = false): string {
  return configuredSchoolName(name) ?? (startOfSentence ? 'Your school' : 'your school');
}

/** Each enabled rule in plain words, then the meeting settings and how long records are kept. */
export function describePolicy(policy: Policy): PolicyLine[] {
  const lines: PolicyLine[] = RULES.filter((rule) => rule.enabled(policy)).map((rule) => ({
    ruleId: rule.id,
    text: rule.describe(policy),
    source: rule.source,
  }));
  const settings = [
    policy.presenters.screenSharingOff ? 'screen sharing is off for pupils' : '',
    policy.presenters.muteOnEntry ? 'pupils are muted when they join' : '',
  ].filter(Boolean);
  if (settings.length > 0) {
    lines.push({
      ruleId: 'presenters-and-mics',
      text: `In the meeting options, ${settings.join(' and ')}.`,
      source: 'seed 004 lines 31, 53',
    });
  }
  lines.push({
    ruleId: 'retention',
    text: `Lesson records (who came, checks and the register) are kept for ${policy.retentionDays} days; safeguarding concerns are kept as the school's records policy says.`,
    source: 'seed 004 line 36, seed 001 #11',
  });
  return lines;
}
