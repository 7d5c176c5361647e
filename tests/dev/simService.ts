/**
 * The service as `npm start` runs it in local mode (tab API, simulator, fake connector, dev
 * sign-in, simulated clock), in this process over the shared Azurite, with no background sweep.
 */
import { randomBytes } from 'node:crypto';
import { loadConfig } from '../../bot/src/config.js';
import { SAMPLE_SCHOOL_FILE } from '../../bot/src/dev/school.js';
import { SimClock } from '../../bot/src/dev/simClock.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import { loadStaffList } from '../../bot/src/runtime/loadStaffList.js';
import { startLocalMode } from '../../bot/src/dev/localMode.js';
import { startService, type RunningService } from '../../bot/src/compose/startService.js';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { sharedAzurite } from '../support/azurite.js';
import { memoryLogger, scratchDataDir } from '../support/serviceHarness.js';

/** Sample school people the tests use, by Entra object id. */
export const PEOPLE = {
  khan: '00000000-0000-4000-8000-0000000000a1',
  osei: '00000000-0000-4000-8000-0000000000a2',
  fletcher: '00000000-0000-4000-8000-0000000000d1',
  novak: '00000000-0000-4000-8000-0000000000a3',
  hughes: '00000000-0000-4000-8000-0000000000c1',
  amira: '00000000-0000-4000-8000-0000000000b1',
  ben: '00000000-0000-4000-8000-0000000000b2',
  chloe: '00000000-0000-4000-8000-0000000000b3',
};

/** A running local-mode service and a JSON client for its simulator API. */
export interface SimService extends RunningService {
  clock: SimClock;
  /** POSTs JSON (or GETs without a body) and returns status and parsed body. */
  call<T = unknown>(method: 'GET' | 'POST', path: string, body?: unknown): Promise<{ status: number; body: T }>;
}

/**
 * Starts the local-mode service on a free port (the tab API checks dev tokens against that port).
 * `startAt` sets where simulated time begins (it then runs on in real time).
 */
export async function startSimService(options: { startAt?: number } = {}): Promise<SimService> {
  const azurite = await sharedAzurite();
  const port = await freePort();
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    STAFF_DIRECTORY_FILE: SAMPLE_SCHOOL_FILE,
    DATA_DIR: scratchDataDir(),
  });
  const shift = options.startAt === undefined ? 0 : options.startAt - Date.now();
  const clock = new SimClock(() => Date.now() + shift);
  // Local mode's own parts (simulator, fake Graph calendar), as `npm start` adds them, on this clock.
  const local = await startLocalMode(config, clock);
  const service = await startService({
    config,
    storage: { connectionString: azurite.connectionString, tablePrefix: `d${randomBytes(4).toString('hex')}` },
    policy: policyFromPreset('strict'),
    staffList: loadStaffList(SAMPLE_SCHOOL_FILE),
    logger: memoryLogger(),
    sweep: false,
    ...local.options,
  });
  const call = async <T>(
    method: 'GET' | 'POST',
    path: string,
    body?: unknown,
  ): Promise<{ status: number; body: T }> => {
    const res = await fetch(`${service.url}${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
  const stop = async () => {
    await service.stop();
    await local.stop();
  };
  return { ...service, stop, clock, call };
}

/** The simulator API path of one person's action in a lesson. */
export function personPath(meetingId: string, personId: string, action: string): string {
  return `/dev/api/lessons/${encodeURIComponent(meetingId)}/people/${personId}/${action}`;
}
