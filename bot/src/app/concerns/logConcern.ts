import { errorFacts } from '../errorFacts.js';
import type { Clock, Logger, ParticipantDirectory } from '../ports.js';
import { can, REFUSALS, type Viewer } from '../permissions.js';
import type { Policy } from '../../domain/policy/schema.js';
import { deliverConcern, planConcernAlerts, type ConcernEscalation } from './concernDeliveries.js';
import { parseConcernInput, type ConcernField } from './input.js';
import { lessonOnRecord } from './lessonLink.js';
import type { ConcernNotifier, ConcernStore } from './ports.js';
import type { RecentPupilsDeps } from './recentPupils.js';
import { newConcernRef } from './reference.js';
import type { Concern, StaffMember } from './types.js';

/** What {@link logConcern} needs. */
export interface LogConcernDeps {
  store: ConcernStore;
  notifier: ConcernNotifier;
  directory: Pick<ParticipantDirectory, 'listDsls' | 'listEscalation'>;
  /** The school's escalation minutes: an urgent concern nobody takes goes to the deputies, then the senior leaders. */
  escalation?: Policy['escalation'];
  /**
   * The school's lessons: a concern naming one keeps its title and start time as the records have them (absent: as
   * sent).
   */
  meetings?: RecentPupilsDeps['meetings'];
  clock: Clock;
  logger: Logger;
  /** Reference generator (tests pass a fixed one). */
  newRef?: () => string;
}

/** Result of logging a concern. */
export type LogConcernResult =
  | { outcome: 'refused'; message: string }
  | { outcome: 'invalid'; errors: Partial<Record<ConcernField, string>> }
  /**
   * Stored (or `held` on this server while storage is down, filed once it is back); Teams accepted the alert for
   * `toldDsls`
   * DSLs in the first round and not (yet) for `unreachedDsls`, whose alerts stay pending and are retried (none
   * configured counts as one unreached).
   */
  | { outcome: 'logged'; concern: Concern; toldDsls: number; unreachedDsls: number; held?: boolean }
  /** The same form was submitted before: nothing new stored, nobody alerted again. */
  | { outcome: 'duplicate'; concern: Concern }
  /** The form's id was already used for different answers: nothing stored; `message` says what to do. */
  | { outcome: 'conflict'; message: string };

/** Said when a form id comes back with different answers (a stale form, or a client reusing ids). */
export const FORM_REUSED =
  'This form was already sent with different answers, so these were not stored. Open a new concern form (type "concern", or reload the side panel) and send it again.';

/** Attempts at a fresh reference before giving up (a clash is one in hundreds of millions). */
const REF_ATTEMPTS = 5;

/**
 * Logs a safeguarding concern from a member of staff: validates it, stores it once per form
 * together with the alert each DSL is owed, and sends those alerts at once (seed 002 "inform the
 * safeguarding team immediately", seed 003 "Log of Concern", seed 001 #12); what Teams does not
 * take now is retried by the concern outbox sweep.
 */
export async function logConcern(deps: LogConcernDeps, viewer: Viewer, raw: unknown): Promise<LogConcernResult> {
  if (!can(viewer, 'log')) return { outcome: 'refused', message: REFUSALS.notStaff };
  const now = deps.clock.now();
  const parsed = parseConcernInput(raw, now);
  if (!parsed.ok) return { outcome: 'invalid', errors: parsed.errors };
  const sentLesson = parsed.value.details.lesson;
  if (sentLesson && deps.meetings)
    parsed.value.details.lesson = await lessonOnRecord(
      { meetings: deps.meetings, clock: deps.clock },
      viewer,
      sentLesson,
    );

  const reporter = { aadObjectId: viewer.aadObjectId, name: viewer.name };
  const dsls = await deps.directory.listDsls(viewer.tenantId);
  const makeRef = deps.newRef ?? (() => newConcernRef());
  for (let attempt = 0; attempt < REF_ATTEMPTS; attempt++) {
    const ref = makeRef();
    const deliveries = planConcernAlerts(
      { ref, raisedAt: now, details: parsed.value.details },
      dsls,
      now,
      await escalationOf(deps, viewer.tenantId, parsed.value.details.urgency),
    );
    const { details, clientRequestId } = parsed.value;
    const result = await deps.store.create({
      tenantId: viewer.tenantId,
      ref,
      reporter,
      raisedAt: now,
      details,
      clientRequestId,
      deliveries,
    });
    if (result.outcome === 'duplicate') return { outcome: 'duplicate', concern: result.concern };
    if (result.outcome === 'conflict') {
      deps.logger.warn({ ref: result.concern.ref }, 'concern form id reused with different answers: refused');
      return { outcome: 'conflict', message: FORM_REUSED };
    }
    if (result.outcome === 'created')
      return { outcome: 'logged', concern: result.concern, ...(await alertDsls(deps, result.concern, dsls)) };
    // Held while storage is down: the DSL is told now all the same (from memory); the reporter learns it is filed
    // later.
    if (result.outcome === 'held')
      return {
        outcome: 'logged',
        concern: result.concern,
        ...(await alertDsls(deps, result.concern, dsls)),
        held: true,
      };
  }
  throw new Error('Could not find a free concern reference');
}

/** Who an urgent concern goes to if no DSL takes it (none for a routine one, or without the policy's minutes). */
async function escalationOf(
  deps: LogConcernDeps,
  tenantId: string,
  urgency: string,
): Promise<ConcernEscalation | undefined> {
  if (urgency !== 'urgent' || !deps.escalation) return undefined;
  const [deputies, slt] = await Promise.all([
    deps.directory.listEscalation(tenantId, 'deputies'),
    deps.directory.listEscalation(tenantId, 'slt'),
  ]);
  return { deputies, slt, ...deps.escalation };
}

/** Sends the alerts the concern was stored with; counts as told only those Teams accepted. */
async function alertDsls(
  deps: LogConcernDeps,
  concern: Concern,
  dsls: StaffMember[],
): Promise<{ toldDsls: number; unreachedDsls: number }> {
  const log = deps.logger.child({ ref: concern.ref, urgency: concern.details.urgency });
  if (dsls.length === 0) {
    log.error({}, 'no DSL configured for tenant: concern stored but nobody alerted');
    return { toldDsls: 0, unreachedDsls: 1 };
  }
  let told = 0;
  try {
    const outbox = await deliverConcern(deps, concern.tenantId, concern.ref);
    told = dsls.filter((dsl) =>
      outbox.some(
        (d) => d.state === 'sent' && d.recipient.kind === 'person' && d.recipient.aadObjectId === dsl.aadObjectId,
      ),
    ).length;
  } catch (err) {
    // The alerts stay pending on the concern; the sweep sends them. Nobody is counted as told meanwhile.
    log.error({ err: errorFacts(err) }, 'DSL alert round failed: concern stored, alerts pending');
  }
  log.info({ dsls: dsls.length, unreached: dsls.length - told }, 'concern logged; DSL alerts sent or pending');
  return { toldDsls: told, unreachedDsls: dsls.length - told };
}
