/** How a measured phase's figures are written into `bench/results.json`. */
import type { Measurement } from './load.js';

/** `n` to two decimal places. */
export const r2 = (n: number): number => Math.round(n * 100) / 100;

/** A phase's rate, latencies, failures and statuses as results.json keeps them. */
export const fig = (m: Measurement) => ({
  perSecond: Math.round(m.perSecond),
  p50Ms: m.p50,
  p99Ms: m.p99,
  failures: m.failures,
  statuses: m.statuses,
  seconds: r2(m.seconds),
});
