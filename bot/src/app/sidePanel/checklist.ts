import type { Policy } from '../../domain/policy/schema.js';
import type { ChecklistItem } from '../../domain/types.js';

/** How each checklist item reads in the side panel. */
export const CHECKLIST_LABELS: Record<ChecklistItem, string> = {
  expectationsRead: 'Expectations read out to pupils',
  rolesAgreed: 'Staff roles agreed',
  recordingStarted: 'Recording started',
  endForAllExplained: 'Agreed who will use "End meeting" for everyone',
};

/** The checklist items this school's policy asks for, in the order staff do them. */
export function requiredChecklist(policy: Policy): ChecklistItem[] {
  const items: ChecklistItem[] = [];
  if (policy.checklist.expectationsRead) items.push('expectationsRead');
  if (policy.checklist.rolesAgreed) items.push('rolesAgreed');
  if (policy.recording.required !== 'never') items.push('recordingStarted');
  if (policy.endForAll.required) items.push('endForAllExplained');
  return items;
}
