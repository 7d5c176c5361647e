/**
 * The lesson path, built once: the raw apply step (private to this module and the delivery
 * worker's roster check), the delivery worker, the settle step, and the public `record` every
 * caller uses, plus the sweep that fires due timers.
 */
import { createApplyMeetingEvent, type ApplyMeetingEvent } from '../app/lesson/applyMeetingEvent.js';
import type { ConcernNotifier, ConcernStore } from '../app/concerns/ports.js';
import { createAlertDelivery, type DeliverAlerts } from '../app/lesson/deliverAlerts.js';
import type { DeliverySender } from '../app/delivery/delivery.js';
import {
  acknowledgeAlert,
  type AcknowledgeInput,
  type Acknowledger,
  type AcknowledgeOutcome,
} from '../app/delivery/acknowledgeAlert.js';
import { createEscalation, ESCALATE_REASON } from '../app/delivery/escalation.js';
import { createLessonDeliveries, DELIVER_REASON, type LessonDeliveries } from '../app/delivery/lessonDeliveries.js';
import { createOneToOneConcern } from '../app/lessonRoutines/oneToOneConcern.js';
import { OutageBuffer, type HeldJournal } from '../app/lesson/outageBuffer.js';
import { createOutageSweep } from '../app/lesson/outageSweep.js';
import type { ReevaluationDeps } from '../app/lesson/reevaluateAndSave.js';
import type { Clock, Logger, MeetingStore, ParticipantDirectory, RosterSource, TimerStore } from '../app/ports.js';
import { RecordCache } from '../app/lesson/recordCache.js';
import { createSettle } from '../app/lesson/settleFindings.js';
import { createSweepTimers, type TimerHandlers } from '../app/lesson/sweepTimers.js';
import type { Policy } from '../domain/policy/schema.js';
import { isUnavailable } from '../storage/errors.js';

/** Adapters the lesson path needs. */
export interface LessonPipelineDeps {
  meetings: MeetingStore;
  timers: TimerStore;
  concerns: ConcernStore;
  concernNotifier: ConcernNotifier;
  sender: DeliverySender;
  roster: RosterSource;
  directory: ParticipantDirectory;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
  /** Where held events are kept durably while storage is down (none: memory only). */
  journal?: HeldJournal;
  /** Most events held while storage is down (default: the buffer's own). */
  heldEventsCapacity?: number;
}

/** The lesson path's parts. */
export interface LessonPipeline {
  cache: RecordCache;
  buffer: OutageBuffer;
  deliveries: LessonDeliveries;
  /** Queues findings found outside the rules. */
  deliver: DeliverAlerts;
  /** The one path: apply an event, then deliver what it owes. */
  record: ApplyMeetingEvent;
  /** One timer sweep with the given routine handlers added (built once the routines exist). */
  sweeper(handlers: TimerHandlers): () => Promise<number>;
  /** Writes events held during a storage outage, then what memory changed meanwhile; returns how many events. */
  flushHeld(): Promise<number>;
  /** While storage is down: re-evaluates held lessons whose timers are due, from memory. */
  sweepFromMemory(): Promise<number>;
  /** "I'm dealing with it" on a critical alert. */
  acknowledge(who: Acknowledger, input: AcknowledgeInput): Promise<AcknowledgeOutcome>;
}

/** Builds the lesson path. */
export function createLessonPipeline(deps: LessonPipelineDeps): LessonPipeline {
  const { clock, logger } = deps;
  const cache = new RecordCache();
  const buffer = new OutageBuffer({
    isOutage: isUnavailable,
    logger,
    now: () => clock.now(),
    ...(deps.journal ? { journal: deps.journal } : {}),
    ...(deps.heldEventsCapacity ? { capacity: deps.heldEventsCapacity } : {}),
  });
  const dslsFor = (tenantId: string) => deps.directory.listDsls(tenantId);
  const applyRaw = createApplyMeetingEvent({
    meetings: deps.meetings,
    timers: deps.timers,
    cache,
    buffer,
    policyFor: deps.policyFor,
    dslsFor,
    clock,
    logger,
  });
  const deliveries = createLessonDeliveries({
    meetings: deps.meetings,
    cache,
    timers: deps.timers,
    sender: deps.sender,
    applyRaw,
    roster: deps.roster,
    isOutage: isUnavailable,
    clock,
    logger,
  });
  const oneToOne = createOneToOneConcern({
    store: deps.concerns,
    notifier: deps.concernNotifier,
    directory: deps.directory,
    clock,
    logger,
  });
  const load = async (key: Parameters<ApplyMeetingEvent>[0]) =>
    cache.uncommitted(key) ?? cache.reload(key, () => deps.meetings.load(key));
  const escalation = createEscalation({
    deliveries,
    directory: deps.directory,
    timers: deps.timers,
    policyFor: deps.policyFor,
    clock,
  });
  const settle = createSettle({ deliveries, oneToOne, escalation, clock, logger });
  // What re-evaluating a lesson needs, for the timer sweep and the outage sweep alike.
  const reevaluation: ReevaluationDeps = {
    meetings: deps.meetings,
    timers: deps.timers,
    cache,
    settle,
    policyFor: deps.policyFor,
    dslsFor,
    clock,
  };
  const outage = createOutageSweep(reevaluation);
  const record: ApplyMeetingEvent = async (key, event, address, options) => {
    const outcome = await applyRaw(key, event, address, options);
    if (outcome.outcome === 'applied') await settle(key, outcome);
    return outcome;
  };
  return {
    cache,
    buffer,
    deliveries,
    deliver: createAlertDelivery({ deliveries, dslsFor, clock }),
    record,
    sweeper: (handlers) =>
      createSweepTimers({
        ...reevaluation,
        timers: deps.timers,
        logger,
        handlers: { [DELIVER_REASON]: deliveries.onTimer, [ESCALATE_REASON]: escalation.onTimer, ...handlers },
      }),
    async flushHeld() {
      const touched = new Map<string, Parameters<ApplyMeetingEvent>[0]>();
      const written = await buffer.flush(async (held) => {
        touched.set(`${held.key.tenantId}\u0000${held.key.meetingId}`, held.key);
        return record(held.key, held.event, held.address, { replay: true });
      });
      if (buffer.degraded) return written;
      try {
        // Each lesson once, now its events are in: re-evaluated, its book and outbox written, what it owes sent.
        await outage.writeBack([...touched.values()]);
      } catch (error) {
        if (!isUnavailable(error)) throw error;
        buffer.markUnavailable(error); // down again: written back on the next flush
      }
      return written;
    },
    sweepFromMemory: () => outage.sweep(),
    acknowledge: (who, input) =>
      acknowledgeAlert({ record, load, directory: deps.directory, deliveries, clock }, who, input),
  };
}
