/**
 * What local mode adds to the service (`npm start` without credentials): the simulator's clock and
 * routes, and, unless booking is configured for real, a local fake Graph calendar with the
 * simulator's sign-in exchange, so "Book a lesson" works end to end on one machine. Loaded only in
 * local mode, so production never loads the dev code.
 */
import type { ServiceOptions } from '../compose/serviceCore.js';
import type { Config } from '../config.js';
import { devRoutes } from './devRoutes.js';
import { devDelegatedTokens } from './graph/devDelegatedTokens.js';
import { startFakeGraphBooking } from './graph/fakeCalendarGraph.js';
import { SimClock } from './simClock.js';

/** Local mode's service options, and how to stop what it started. */
export interface LocalMode {
  options: Pick<ServiceOptions, 'clock' | 'simulator' | 'delegatedTokens' | 'delegatedGraphBaseUrl'>;
  stop(): Promise<void>;
}

/** Starts local mode's parts for `config` (a config without production credentials); tests pass their clock. */
export async function startLocalMode(config: Config, clock = new SimClock()): Promise<LocalMode> {
  const options: LocalMode['options'] = { clock, simulator: devRoutes };
  if (config.booking.onBehalfOf) return { options, stop: async () => undefined };
  const graph = await startFakeGraphBooking();
  return {
    options: { ...options, delegatedTokens: devDelegatedTokens, delegatedGraphBaseUrl: graph.fake.graphBaseUrl },
    stop: graph.stop,
  };
}
