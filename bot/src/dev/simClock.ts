import type { Clock } from '../app/ports.js';

/**
 * The simulator's clock: real time plus an offset the simulator can push forward, so a person can
 * jump past a grace period or a duration limit without waiting. Local mode only.
 */
export class SimClock implements Clock {
  private offsetMs = 0;

  constructor(private readonly realNow: () => number = () => Date.now()) {}

  /** Simulated time (epoch ms). */
  now(): number {
    return this.realNow() + this.offsetMs;
  }

  /** How far ahead of real time the clock runs (ms). */
  get offset(): number {
    return this.offsetMs;
  }

  /** Moves simulated time forward; time never runs backwards. */
  advance(ms: number): void {
    if (!Number.isFinite(ms) || ms < 0)
      throw new RangeError('The simulated clock only moves forward; give a positive number of milliseconds.');
    this.offsetMs += ms;
  }

  /** Moves the clock forward to at least `at` (after a restart, past the newest stored event). */
  catchUpTo(at: number): void {
    const behind = at - this.now();
    if (behind > 0) this.offsetMs += behind;
  }
}

/** Whether a service's clock is the simulator's (the dev routes can only advance that one). */
export function isSimClock(clock: Clock): clock is SimClock {
  return clock instanceof SimClock;
}
