import type { MeetingEvent, MeetingState } from '../../domain/types.js';
import { errorFacts } from '../errorFacts.js';
import type { Logger, MeetingKey } from '../ports.js';

/** An event storage could not take yet, in arrival order. */
export interface HeldEvent {
  key: MeetingKey;
  event: MeetingEvent;
  address?: MeetingState['address'];
}

/** Where held events are kept durably until they are written (a write-ahead journal on local disk). */
export interface HeldJournal {
  /** Keeps one event; returns once it is durable, throws when it cannot be kept. */
  append(held: HeldEvent): void;
  /** Forgets everything: all of it is in Table Storage now. */
  clear(): void;
}

/** Events one instance holds while storage is down unless configured otherwise (`OUTAGE_HELD_EVENTS`). */
export const DEFAULT_HELD_EVENTS = 10_000;

/** Thrown when the buffer is full: the bot endpoint answers 500, so Teams sends the event again later. */
export class OutageBufferFullError extends Error {
  override name = 'OutageBufferFullError';
}

/**
 * Holds events while Table Storage is unreachable and writes them, in order, once it is back.
 * Bounded: when full it refuses new events (the sender retries) rather than dropping any.
 */
export class OutageBuffer {
  private readonly held: HeldEvent[] = [];
  private outageSince: number | undefined;

  constructor(
    private readonly options: {
      isOutage: (error: unknown) => boolean;
      logger: Logger;
      now: () => number;
      capacity?: number;
      journal?: HeldJournal;
    },
  ) {}

  /** Whether an error means "storage unreachable" (as opposed to a bug or bad data). */
  isOutage(error: unknown): boolean {
    return this.options.isOutage(error);
  }

  /** Keeps an event for later; logs once when an outage begins. */
  hold(key: MeetingKey, event: MeetingEvent, address: MeetingState['address'], error: unknown): void {
    if (this.held.length >= (this.options.capacity ?? DEFAULT_HELD_EVENTS)) {
      throw new OutageBufferFullError(
        'Storage is unavailable and the retry buffer is full; the event was not accepted and should be redelivered.',
      );
    }
    this.markUnavailable(error);
    // Durable before the caller answers: if the disk refuses, this throws and the sender is told to retry.
    this.options.journal?.append({ key, event, ...(address ? { address } : {}) });
    this.held.push({ key, event, address });
  }

  /** Takes back events a previous process journaled and never wrote; they are written by the next flush. */
  restore(events: readonly HeldEvent[]): void {
    if (!events.length) return;
    this.held.unshift(...events);
    this.outageSince ??= this.options.now();
    this.options.logger.warn({ events: events.length }, 'events held by an earlier process are waiting to be written');
  }

  /** Marks storage as down without an event (e.g. it could not be reached at boot). */
  markUnavailable(error: unknown): void {
    if (this.outageSince !== undefined) return;
    this.outageSince = this.options.now();
    this.options.logger.error(
      { err: errorFacts(error) },
      'storage unavailable: holding events in memory until it is back',
    );
  }

  /** Number of events waiting to be written. */
  get size(): number {
    return this.held.length;
  }

  /** Whether storage is currently believed to be down. */
  get degraded(): boolean {
    return this.outageSince !== undefined;
  }

  /**
   * Writes held events in order with `write`; stops at the first that still fails (kept for the next flush).
   * Returns how many were written.
   */
  async flush(write: (held: HeldEvent) => Promise<unknown>): Promise<number> {
    let written = 0;
    while (this.held.length > 0) {
      const next = this.held[0]!;
      try {
        await write(next);
      } catch (error) {
        // Keep it and try again on the next flush: nothing recorded is ever dropped.
        if (!this.isOutage(error))
          this.options.logger.error({ err: errorFacts(error) }, 'a held event could not be written yet; will retry');
        return written;
      }
      this.held.shift();
      written++;
    }
    if (this.outageSince !== undefined) {
      this.options.journal?.clear();
      this.options.logger.info(
        { written, outageMs: this.options.now() - this.outageSince },
        'storage is back: held events written',
      );
      this.outageSince = undefined;
    }
    return written;
  }
}
