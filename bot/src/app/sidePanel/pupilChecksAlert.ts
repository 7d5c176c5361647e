/**
 * The per-pupil check findings (consent, parent/carer, communal room) as one alert that names each
 * pupil and what is missing for them. Names are looked up here, at view time, for staff-only views:
 * the domain's findings stay name-free, because the DSL's lock-screen preview is built from them.
 */
import type { MeetingState, PupilCheck, TrackedFinding } from '../../domain/types.js';
import { PUPIL_CHECK_LABELS, pupilCheckOfRule } from './pupilChecks.js';
import { SEVERITY_ORDER } from '../../domain/severity.js';
import { displayName } from './stamp.js';
import type { FindingView, PupilChecksAlert, PupilChecksRow } from './statusView.js';

/** What a check recorded as no means for the pupil, in the words of one row of the alert. */
const REFUSED_WORDS: Record<PupilCheck, string> = {
  consent: 'no consent from a parent or carer',
  parentPresent: 'no parent/carer in the room',
  communalRoom: 'not in a communal room',
};

/** The key and rule id of the grouped alert (it stands for many findings, none of them its own). */
export const PUPIL_CHECKS_ALERT = 'pupil-checks';

/** One open per-pupil check finding, as the panel's list would show it on its own. */
export type PupilCheckItem = Omit<FindingView, 'kind' | 'about'>;

/**
 * The pupil and check a per-pupil check finding is about, and whether it is a "no" answer (else the check is not
 * recorded yet).
 */
export interface PupilCheckSubject {
  pupilId: string;
  check: PupilCheck;
  refused: boolean;
}

/** What a tracked finding is about, when it is a per-pupil check finding. */
export function pupilCheckSubject(tracked: TrackedFinding): PupilCheckSubject | undefined {
  const { finding } = tracked;
  const check = pupilCheckOfRule(finding.ruleId);
  const pupilId = finding.subjectIds?.[0];
  if (!check || pupilId === undefined) return undefined;
  // The domain keys a "no" answer `<rule>:<pupil>:no`, and a check not yet recorded `<rule>:<pupil>`.
  return { pupilId, check, refused: finding.key === `${finding.ruleId}:${pupilId}:no` };
}

/** The grouped alert for `items` (each a per-pupil check finding with its subject); undefined when there are none. */
export function pupilChecksAlert(
  state: MeetingState,
  items: Array<{ view: PupilCheckItem; subject: PupilCheckSubject }>,
): PupilChecksAlert | undefined {
  if (items.length === 0) return undefined;
  const rows = new Map<string, PupilChecksRow>();
  for (const { view, subject } of items) {
    const person = state.people[subject.pupilId];
    let row = rows.get(subject.pupilId);
    if (!row) {
      row = { pupilId: subject.pupilId, name: person ? displayName(person) : 'A pupil', missing: [], refused: [] };
      rows.set(subject.pupilId, row);
    }
    if (subject.refused)
      row.refused.push({ check: subject.check, words: REFUSED_WORDS[subject.check], action: view.action });
    else row.missing.push(PUPIL_CHECK_LABELS[subject.check].toLowerCase());
    if (view.acknowledged && (!row.acknowledged || view.acknowledged.at > row.acknowledged.at))
      row.acknowledged = view.acknowledged;
  }
  // A "no" needs acting on now, so those pupils come first; then by name, so the list does not jump about.
  const pupils = [...rows.values()].sort(
    (a, b) => Number(b.refused.length > 0) - Number(a.refused.length > 0) || a.name.localeCompare(b.name),
  );
  const views = items.map((i) => i.view);
  const raised = views.flatMap((v) => (v.raisedAt === undefined ? [] : [v.raisedAt]));
  return {
    kind: 'pupilChecks',
    key: PUPIL_CHECKS_ALERT,
    ruleId: PUPIL_CHECKS_ALERT,
    severity: views.map((v) => v.severity).sort((a, b) => SEVERITY_ORDER[a] - SEVERITY_ORDER[b])[0]!,
    ...words(pupils),
    ...(raised.length > 0 ? { raisedAt: Math.min(...raised) } : {}),
    firstSeenAt: Math.min(...views.map((v) => v.firstSeenAt)),
    findingKeys: views.map((v) => v.key),
    pupils,
  };
}

const pupilCount = (n: number) => (n === 1 ? '1 pupil' : `${n} pupils`);

/** The alert's first line (what happened) and second (what to do now). */
function words(pupils: PupilChecksRow[]): { message: string; action: string } {
  const missing = pupils.filter((p) => p.missing.length > 0).length;
  const refused = pupils.filter((p) => p.refused.length > 0).length;
  const what = [
    ...(missing > 0 ? [`Checks not recorded for ${pupilCount(missing)}`] : []),
    ...(refused > 0 ? [`${missing > 0 ? 'a' : 'A'} check recorded as no for ${pupilCount(refused)}`] : []),
  ];
  const record = 'check what is missing and record it in the side panel register';
  const actNow = 'Do what each "no" below says now';
  const action =
    refused === 0 ? `For each pupil below, ${record}.` : missing === 0 ? `${actNow}.` : `${actNow}, then ${record}.`;
  return { message: `${what.join('; ')}.`, action };
}
