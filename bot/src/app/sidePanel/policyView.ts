import { describePolicy, type PolicyLine } from '../../domain/policy/describe.js';
import type { Policy } from '../../domain/policy/schema.js';
import { PUPIL_CHECKS, type ChecklistItem, type PupilCheck } from '../../domain/types.js';
import { CHECKLIST_LABELS, requiredChecklist } from './checklist.js';

/** The meeting details tab's view: the policy in plain words and what to prepare before the lesson. */
export interface PolicyView {
  school: { name: string; preset: string };
  lines: PolicyLine[];
  checklist: Array<{ item: ChecklistItem; label: string }>;
  pupilChecks: PupilCheck[];
  staffRequired: number;
}

/** Builds the details tab's view of a school's policy. */
export function buildPolicyView(policy: Policy): PolicyView {
  return {
    school: { name: policy.school.name, preset: policy.preset },
    lines: describePolicy(policy),
    checklist: requiredChecklist(policy).map((item) => ({ item, label: CHECKLIST_LABELS[item] })),
    pupilChecks: PUPIL_CHECKS.filter((check) => policy.pupilChecks[check]),
    staffRequired: policy.staffing.minStaffWithPupils,
  };
}
