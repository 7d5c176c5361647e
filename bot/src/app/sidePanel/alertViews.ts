/**
 * The panel's list of open alerts: each finding with what to do and who has it, the people it is
 * about named for staff, and the per-pupil checks as one grouped item. Raised ones first, most
 * severe first.
 */
import { acknowledgementOf } from '../../domain/acknowledgements.js';
import type { MeetingState, TrackedFinding } from '../../domain/types.js';
import { dslCopies } from '../delivery/dslCopies.js';
import type { MeetingRecord } from '../ports.js';
import {
  pupilChecksAlert,
  pupilCheckSubject,
  type PupilCheckItem,
  type PupilCheckSubject,
} from './pupilChecksAlert.js';
import { SEVERITY_ORDER } from '../../domain/severity.js';
import { displayName } from './stamp.js';
import type { AlertView, DslDelivery, FindingView } from './statusView.js';

/** The lesson's open alerts as staff see them. */
export function openAlerts(record: MeetingRecord): AlertView[] {
  const { state } = record;
  const alerts: AlertView[] = [];
  const pupilChecks: Array<{ view: PupilCheckItem; subject: PupilCheckSubject }> = [];
  for (const tracked of Object.values(record.alerts)) {
    const view = itemOf(record, tracked);
    const subject = pupilCheckSubject(tracked);
    if (subject) pupilChecks.push({ view, subject });
    else alerts.push({ kind: 'finding', ...view, ...about(state, tracked.finding.subjectIds) });
  }
  const grouped = pupilChecksAlert(state, pupilChecks);
  if (grouped) alerts.push(grouped);
  const pending = (a: AlertView) => Number(a.raisedAt === undefined);
  return alerts.sort(
    (a, b) =>
      pending(a) - pending(b) ||
      SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity] ||
      a.firstSeenAt - b.firstSeenAt,
  );
}

function itemOf(record: MeetingRecord, { finding, firstSeenAt, raisedAt }: TrackedFinding): PupilCheckItem {
  const dsl = dslDelivery(record, finding.key, raisedAt);
  const acknowledged = acknowledgement(record.state, finding.key, raisedAt);
  return {
    key: finding.key,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    action: finding.action,
    raisedAt,
    firstSeenAt,
    ...(dsl ? { dsl } : {}),
    ...(acknowledged ? { acknowledged } : {}),
  };
}

/** The names of the people a finding is about (people the lesson never saw are left out). */
function about(state: MeetingState, subjectIds: string[] | undefined): Pick<FindingView, 'about'> {
  const names = (subjectIds ?? []).flatMap((id) => {
    const person = state.people[id];
    return person ? [displayName(person)] : [];
  });
  return names.length > 0 ? { about: names } : {};
}

/** Who took this raise of the finding (an acknowledgement of an earlier raise does not count). */
function acknowledgement(
  state: MeetingState,
  findingKey: string,
  raisedAt: number | undefined,
): FindingView['acknowledged'] {
  const ack = acknowledgementOf(state, findingKey, raisedAt);
  return ack ? { name: ack.name || 'Someone on the safeguarding team', at: ack.at } : undefined;
}

/** What Teams said about the DSLs' copies of one raise (none planned, or all withdrawn: nothing to say). */
function dslDelivery(record: MeetingRecord, findingKey: string, raisedAt: number | undefined): DslDelivery | undefined {
  if (raisedAt === undefined) return undefined;
  const copies = dslCopies(record.deliveries ?? [], findingKey, raisedAt);
  if (copies.state === 'sent') return { state: 'sent', sentAt: copies.sentAt };
  return copies.state === 'waiting' || copies.state === 'failed' ? { state: copies.state } : undefined;
}
