/**
 * The service's tick: what runs every few seconds (files what a storage outage held once storage is
 * back, sends concern alerts Teams has not taken, fires due timers, from memory while storage is
 * down, sends the senior team's scheduled cards), and the interval that runs it. The composition
 * root and the lesson tests' builder both use {@link createServiceTick}, so the tests exercise the
 * production tick, not a copy of it.
 */
import type { ConcernDeliverySweep } from '../app/concerns/concernDeliveries.js';
import { errorFacts } from '../app/errorFacts.js';
import type { Clock, Logger } from '../app/ports.js';
import type { HoldingConcernStore } from '../storage/holdingConcernStore.js';
import { isUnavailable } from '../storage/errors.js';
import type { LessonPipeline } from './lessonPipeline.js';

/** What one tick works on. */
export interface ServiceTickDeps {
  lessons: Pick<LessonPipeline, 'buffer' | 'flushHeld' | 'sweepFromMemory'>;
  /** One timer sweep (the lesson pipeline's sweeper with the routines' handlers). */
  sweepTimers(): Promise<number>;
  /** Concerns held on local disk while storage was down, filed once it answers. */
  heldConcerns: Pick<HoldingConcernStore, 'size' | 'file'>;
  /** Concern alerts Teams has not taken yet. */
  concernOutbox: Pick<ConcernDeliverySweep, 'sweep'>;
  /** The daily, bounded retention pass (never throws). */
  retention(now: number): Promise<unknown>;
  /** The senior team's morning and Monday cards, looked at once a minute (never throws). */
  seniorCards(now: number): Promise<void>;
  /** Whether storage answers again (and has its tables); asked only while something is held. */
  storageAnswers(): Promise<boolean>;
  clock: Clock;
}

/** One tick (resolves with the timers fired), and the background passes the ticks started. */
export interface ServiceTick {
  (): Promise<number>;
  /** Resolves once every background pass the ticks started (retention, senior team cards) has finished. */
  idle(): Promise<void>;
}

/** Builds the tick: one pass of everything the service does on a timer; returns the timers fired. */
export function createServiceTick(deps: ServiceTickDeps): ServiceTick {
  const { lessons } = deps;
  const background = new Set<Promise<unknown>>();
  const inBackground = (pass: Promise<unknown>): void => {
    background.add(pass);
    void pass.finally(() => background.delete(pass));
  };
  const tick = async () => {
    // During an outage nothing counts as "back" until storage answers (and has its tables).
    if ((lessons.buffer.degraded || deps.heldConcerns.size) && (await deps.storageAnswers())) {
      await deps.heldConcerns.file();
      await lessons.flushHeld();
    }
    // Concern alerts Teams has not taken yet (held concerns' from memory while storage is down).
    await deps.concernOutbox.sweep();
    if (lessons.buffer.degraded) return lessons.sweepFromMemory();
    // Not awaited, so a long pass never holds up grace-period timers (neither ever throws).
    inBackground(deps.retention(deps.clock.now()));
    inBackground(deps.seniorCards(deps.clock.now()));
    try {
      return await deps.sweepTimers();
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      lessons.buffer.markUnavailable(error);
      return lessons.sweepFromMemory();
    }
  };
  return Object.assign(tick, {
    async idle() {
      while (background.size) await Promise.allSettled([...background]);
    },
  });
}

/** Runs `tick` every `everyMs`, never two at once; a failure is logged with the sweep's number. */
export function startSweeping(tick: () => Promise<number>, everyMs: number, logger: Logger): NodeJS.Timeout {
  let running = false;
  let sweeps = 0;
  const interval = setInterval(() => {
    if (running) return;
    running = true;
    const sweep = ++sweeps;
    tick()
      .catch((error: unknown) => logger.error({ sweep, err: errorFacts(error) }, 'timer sweep failed'))
      .finally(() => (running = false));
  }, everyMs);
  interval.unref();
  return interval;
}
