/**
 * Pure: every alert a lesson raised, open or since cleared, with what its delivery outbox says
 * about it. The alert book forgets a finding once it clears, so the record of what was raised is
 * the outbox's raise deliveries, the book's raised findings and the breaches staff reported.
 */
import { acknowledgementOf } from '../../domain/acknowledgements.js';
import { findingDeliveries, findingsOf, type Delivery } from '../delivery/delivery.js';
import { dslCopies, raiseCopies, type DslCopies } from '../delivery/dslCopies.js';
import type { LessonBook } from '../ports.js';
import type { Finding, Severity } from '../../domain/types.js';

/** One raise of one finding in a lesson. */
export interface LessonRaise {
  key: string;
  ruleId: string;
  severity: Severity;
  /** The finding's own words (used when the summary has none of its own for the rule). */
  message: string;
  /** What staff were told to do about it (empty for a breach no alert was raised for). */
  action: string;
  raisedAt: number;
  /** Still raised in the book the summary was built from. */
  open: boolean;
  /** When it stopped, when the outbox or the lesson shows it; undefined when open or not known. */
  clearedAt?: number;
  dsl: DslCopies;
  /** Who else was sent it because nobody acknowledged in time (copies Teams took). */
  escalatedTo: Array<'deputy' | 'slt'>;
  /** Who said they were dealing with this raise, and when. */
  acknowledged?: { name: string; at: number };
}

/** Every raise of the lesson, oldest first. */
export function lessonRaises(record: Pick<LessonBook, 'state' | 'alerts' | 'deliveries'>): LessonRaise[] {
  const { state, alerts } = record;
  const deliveries = findingDeliveries(record.deliveries ?? []);
  const raises = new Map<string, Raised>();
  const add = (raise: Raised) => {
    if (!raises.has(idOf(raise.key, raise.raisedAt))) raises.set(idOf(raise.key, raise.raisedAt), raise);
  };
  for (const { message: m } of deliveries)
    if (m.phase === 'raised') for (const f of findingsOf(m)) add({ ...raisedFields(f), raisedAt: m.raisedAt });
  for (const { finding, raisedAt } of Object.values(alerts))
    if (raisedAt !== undefined) add({ ...raisedFields(finding), raisedAt });
  // A reported breach is serious whether or not the policy's rule alerted anyone about it.
  for (const breach of state.breaches) {
    const key = `breach:${breach.id}`;
    if (![...raises.values()].some((r) => r.key === key)) {
      add({
        key,
        ruleId: 'breach',
        severity: 'critical',
        message: 'A member of staff reported a breach.',
        action: '',
        raisedAt: breach.at,
      });
    }
  }
  return [...raises.values()]
    .map((raise) => withOutcome(raise, record, deliveries))
    .sort((a, b) => a.raisedAt - b.raisedAt || (a.key < b.key ? -1 : 1));
}

type Raised = Omit<LessonRaise, 'open' | 'clearedAt' | 'dsl' | 'escalatedTo' | 'acknowledged'>;

function raisedFields(
  finding: Pick<Finding, 'key' | 'ruleId' | 'severity' | 'message' | 'action'>,
): Omit<Raised, 'raisedAt'> {
  return {
    key: finding.key,
    ruleId: finding.ruleId,
    severity: finding.severity,
    message: finding.message,
    action: finding.action,
  };
}

/** What became of one raise: still open or when it stopped, the copies Teams took, who acknowledged it. */
function withOutcome(
  raise: Raised,
  { state, alerts }: Pick<LessonBook, 'state' | 'alerts'>,
  deliveries: readonly Delivery[],
): LessonRaise {
  const open = alerts[raise.key]?.raisedAt === raise.raisedAt;
  const copies = raiseCopies(deliveries, raise.key, raise.raisedAt);
  const ack = acknowledgementOf(state, raise.key, raise.raisedAt);
  const acknowledged = ack ? { name: ack.name || 'Someone on the safeguarding team', at: ack.at } : undefined;
  // A breach alert lasts until the lesson has ended with no pupil left in it.
  const clearedAt = open
    ? undefined
    : (clearedAtOf(deliveries, raise.key, raise.raisedAt) ?? (raise.ruleId === 'breach' ? state.endedAt : undefined));
  return {
    ...raise,
    open,
    ...(clearedAt === undefined ? {} : { clearedAt }),
    dsl: dslCopies(deliveries, raise.key, raise.raisedAt),
    escalatedTo: (['deputy', 'slt'] as const).filter((role) =>
      copies.some((d) => roleOf(d) === role && d.state === 'sent'),
    ),
    ...(acknowledged ? { acknowledged } : {}),
  };
}

/** What Teams said about the DSLs' copies of one raise. */
function idOf(key: string, raisedAt: number): string {
  return `${key}|${raisedAt}`;
}

function roleOf(d: Delivery): string | undefined {
  return d.recipient.kind === 'person' ? d.recipient.role : undefined;
}

/** When the outbox saw the finding stop: marked on its raises (older rows: when a "resolved" was planned). */
function clearedAtOf(deliveries: readonly Delivery[], key: string, raisedAt: number): number | undefined {
  const times: number[] = [];
  for (const d of findingDeliveries(deliveries)) {
    const m = d.message;
    if (m.raisedAt !== raisedAt || !findingsOf(m).some((f) => f.key === key)) continue;
    if (m.phase === 'raised' && d.overAt?.[key] !== undefined) times.push(d.overAt[key]);
    if (m.phase === 'cleared') times.push(d.createdAt);
  }
  return times.length ? Math.min(...times) : undefined;
}
