/**
 * The per-pupil checks as staff see them: each check's label once, what a "no" leads to, and for
 * each pupil the state of every check with who set it and when. Shared by the side panel and both
 * register files (tab download and chat command), so they never disagree.
 */
import { communalRoom } from '../../domain/rules/communalRoom.js';
import { consent } from '../../domain/rules/consent.js';
import { parentPresent } from '../../domain/rules/parentPresent.js';
import { pupilCheckState, type PupilCheckRule } from '../../domain/rules/pupilCheck.js';
import type { MeetingState, PersonRecord, PupilCheck, PupilCheckState } from '../../domain/types.js';
import { stampOf } from './stamp.js';
import type { Stamp } from './statusView.js';

/** How each per-pupil check reads in the side panel and the register files. */
export const PUPIL_CHECK_LABELS: Record<PupilCheck, string> = {
  consent: 'Consent',
  parentPresent: 'Parent/carer in the room',
  communalRoom: 'Communal room',
};

const RULES: Record<PupilCheck, PupilCheckRule> = { consent, parentPresent, communalRoom };

/** The check a per-pupil rule is about (`parent-present` is `parentPresent`); undefined for every other rule. */
export function pupilCheckOfRule(ruleId: string): PupilCheck | undefined {
  return (Object.keys(RULES) as PupilCheck[]).find((check) => RULES[check].id === ruleId);
}

/** One check the policy asks for: its label, and what Chaperone tells staff to do if it is recorded as no. */
export interface PupilCheckDefinition {
  check: PupilCheck;
  label: string;
  ifNo: string;
}

/** One pupil's check: its state, and who set it and when (absent while never recorded). */
export interface PupilCheckView {
  state: PupilCheckState;
  stamp?: Stamp;
}

/** The definitions of `checks`, in the order given. */
export function pupilCheckDefinitions(checks: readonly PupilCheck[]): PupilCheckDefinition[] {
  return checks.map((check) => ({ check, label: PUPIL_CHECK_LABELS[check], ifNo: RULES[check].refused.action }));
}

/** A pupil's `checks` as staff see them. */
export function pupilCheckViews(
  state: MeetingState,
  person: PersonRecord,
  checks: readonly PupilCheck[],
): Partial<Record<PupilCheck, PupilCheckView>> {
  const views: Partial<Record<PupilCheck, PupilCheckView>> = {};
  for (const check of checks) {
    const entry = person.checks[check];
    views[check] = entry
      ? { state: pupilCheckState(person, check), stamp: stampOf(state, entry) }
      : { state: 'notYet' };
  }
  return views;
}

const STATE_WORDS: Record<PupilCheckState, string> = { yes: 'yes', no: 'no', notYet: 'not yet' };

/** A register file's two headers for a check: its state, and who set it and when. */
export function checkHeaders(label: string): [string, string] {
  return [label, `${label}: recorded by`];
}

/** A register file's two cells for a check (never recorded: "not yet" and nobody). */
export function checkCells(view: PupilCheckView | undefined, time: (at: number) => string): [string, string] {
  const stamp = view?.stamp;
  return [STATE_WORDS[view?.state ?? 'notYet'], stamp ? `${stamp.byName} at ${time(stamp.at)}` : ''];
}
