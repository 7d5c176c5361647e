/**
 * The school view's read path beside anchor B: `GET /api/school/now` as the DSL for a school with
 * {@link BOARD_LESSONS} live lessons, in full (200) and as the tab polls it (If-None-Match, 304), each with the server
 * child's cost and RSS at the end of the phase.
 */
import type { ChaperoneWorld } from './chaperone.js';
import type { Measurement } from './load.js';
import { costedPhase, onServer, SECONDS, WARM_UP_ALLOWANCE_MS, withinOneMinute } from './phases.js';
import type { EventCost } from './processCost.js';
import { BOARD_LESSONS, seedSchoolBoard } from './schoolBoard.js';

/** What the school view's phases measured. */
export interface SchoolNowMeasurements {
  lessons: number;
  full: { m: Measurement; cost: EventCost };
  notModified: { m: Measurement; cost: EventCost };
}

/** Starts a Chaperone, fills its board, and runs both phases at 10 connections on it. */
export function measureSchoolNow(world: ChaperoneWorld, connectionString: string): Promise<SchoolNowMeasurements> {
  return onServer(world.chaperone(connectionString), async (url, server) => {
    const board = await seedSchoolBoard(url, world);
    const get = (headers: Record<string, string>) => ({
      url: board.nowUrl,
      connections: 10,
      seconds: SECONDS,
      headers,
    });
    const full = await costedPhase('GET school now (200)', get({ authorization: board.authorization }), server);
    await withinOneMinute(SECONDS * 1000 + WARM_UP_ALLOWANCE_MS);
    const etag = await board.etag();
    const notModified = await costedPhase(
      'GET school now If-None-Match (304)',
      get({ authorization: board.authorization, 'if-none-match': etag }),
      server,
    );
    const other = Object.keys(notModified.m.statuses).filter((code) => code !== '304');
    if (other.length)
      console.log(`  (the 304 phase was also answered ${other.join(', ')}: the board changed during it)`);
    return { lessons: BOARD_LESSONS, full, notModified };
  });
}
