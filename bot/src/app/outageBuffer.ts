import type { MeetingEvent, MeetingState } from '../domain/types.js';
import type { Logger, MeetingKey } from './ports.js';

/** An event storage could not take yet, in arrival order. */
export interface HeldEvent {
  key: MeetingKey;
  event: MeetingEvent;
  address?: MeetingState['address'];
}

/** Thrown when the buffer is full: the caller answers 503 so Teams redelivers later. */
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
    private readonly options: { isOutage: (error: unknown) => boolean; logger: Logger; now: () => number; capacity?: number },
  ) {}

  /** Whether an error means "storage unreachable" (as opposed to a bug or bad data). */
  isOutage(error: unknown): boolean {
    return this.options.isOutage(error);
  }

  /** Keeps an event for later; logs once when an outage begins. */
  hold(key: MeetingKey, event: MeetingEvent, address: MeetingState['address'], error: unknown): void {
    if (this.held.length >= (this.options.capacity ?? 10_000)) {
      throw new OutageBufferFullError('Storage is unavailable and the retry buffer is full; the event was not accepted and should be redelivered.');
    }
    if (this.outageSince === undefined) {
      this.outageSince = this.options.now();
      this.options.logger.error({ err: errorName(error) }, 'storage unavailable: holding events in memory until it is back');
    }
    this.held.push({ key, event, address });
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
        if (!this.isOutage(error)) this.options.logger.error({ err: errorName(error) }, 'a held event could not be written yet; will retry');
        return written;
      }
      this.held.shift();
      written++;
    }
    if (this.outageSince !== undefined) {
      this.options.logger.info({ written, outageMs: this.options.now() - this.outageSince }, 'storage is back: held events written');
      this.outageSince = undefined;
    }
    return written;
  }
}

function errorName(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
