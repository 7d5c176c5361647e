/**
 * The policy in plain words for teachers: one line per rule the policy switches on, with the seed
 * lines it comes from. Used by the `policy` command and the meeting details tab.
 */
import { RULES } from '../rules/index.js';
import type { Policy } from './schema.js';

/** One line of the policy as a teacher reads it. */
export interface PolicyLine {
  ruleId: string;
  text: string;
  source: string;
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
    lines.push({ ruleId: 'presenters-and-mics', text: `In the meeting options, ${settings.join(' and ')}.`, source: 'seed 004 lines 31, 53' });
  }
  lines.push({
    ruleId: 'retention',
    text: `Lesson records (who came, checks and the register) are kept for ${policy.retentionDays} days; safeguarding concerns are kept as the school's records policy says.`,
    source: 'seed 004 line 36, seed 001 #11',
  });
  return lines;
}
