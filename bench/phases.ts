/**
 * The bench's measured phases: a phase against one server (with a warm-up first), a phase with what
 * the server process spent on it, a server in its own child process for the length of some work,
 * and the lesson traffic an ingestion phase sends.
 */
import { join } from 'node:path';
import { lessonTraffic, OPENING_EVENTS } from './lessonTraffic.js';
import { measure, type Measurement, type Phase } from './load.js';
import type { CpuReader } from './emulatorCpu.js';
import { eventCost, type EventCost } from './processCost.js';
import { startServerProcess, type RunningChild, type ServerSpec } from './spawnServer.js';

/** How long each measured phase runs (BENCH_SECONDS, default 6). */
export const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 6);
// When set, a CPU profile of each ingestion phase's server is written into this directory.
const PROFILE_DIR = process.env['BENCH_CPU_PROFILE'];
/** More lessons than connections, so requests in flight are for different lessons, as in a school. */
export const LESSONS = 150;
/** Pupils in each bench lesson. */
export const PUPILS = 25;

/**
 * Requests a costed phase warms up with: enough for every lesson to open (lessonTraffic.ts) with redeliveries among
 * them, so the measured events are a lesson's steady traffic however slow the machine is today.
 */
export const WARM_UP_REQUESTS = LESSONS * (OPENING_EVENTS + 1);

let seed = 1;
let profiles = 0;

/** One warm-up second (not measured; it also starts the lessons), then the measured phase. */
export async function phase(name: string, spec: Phase): Promise<Measurement> {
  await measure({ ...spec, seconds: 1 });
  const m = await measure(spec);
  logPhase(name, m);
  return m;
}

/** Prints one measured phase's line: rate, latency, failures and `extra`. */
export function logPhase(name: string, m: Measurement, extra = ''): void {
  console.log(
    `  ${name.padEnd(34)} ${Math.round(m.perSecond).toString().padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  failures ${m.failures}${extra}`,
  );
}

/**
 * {@link phase} after a longer warm-up, with what the server process spent on the measured part (CPU, storage traffic,
 * RSS at its end) and, when `emulator` reads it, the CPU the storage emulator spent over the same span.
 */
export async function costedPhase(
  name: string,
  spec: Phase,
  server: RunningChild,
  emulator?: CpuReader,
): Promise<{ m: Measurement; cost: EventCost }> {
  await measure({ ...spec, seconds: 60, amount: WARM_UP_REQUESTS });
  const profileTo = PROFILE_DIR
    ? { writeTo: join(PROFILE_DIR, `${++profiles}-${name.replace(/[^A-Za-z0-9]+/g, '-')}.cpuprofile`) }
    : undefined;
  const before = await server.sample(profileTo && 'start');
  const emulatorBefore = await emulator?.();
  const m = await measure(spec);
  const emulatorAfter = await emulator?.();
  const after = await server.sample(profileTo);
  const emulatorCpuUs =
    emulatorBefore === undefined || emulatorAfter === undefined ? undefined : emulatorAfter - emulatorBefore;
  const cost = eventCost(before, after, Math.round(m.perSecond * m.seconds), m.seconds, emulatorCpuUs);
  const storage =
    cost.storageBytesPerEvent === undefined
      ? ''
      : `  storage ${cost.storageRequestsPerEvent} req ${cost.storageBytesPerEvent} B`;
  const azurite = cost.emulatorCpuUsPerEvent === undefined ? '' : `  Azurite CPU ${cost.emulatorCpuUsPerEvent} us`;
  logPhase(name, m, `  CPU ${cost.cpuUsPerEvent} us${storage}${azurite} per event  RSS ${cost.rssMb} MB`);
  return { m, cost };
}

/** Starts `spec` in its own child process, runs `work` against it, and stops it whatever happens. */
export async function onServer<T>(
  spec: ServerSpec,
  work: (url: string, server: RunningChild) => Promise<T>,
): Promise<T> {
  const server = await startServerProcess(spec);
  try {
    return await work(server.url, server);
  } finally {
    await server.stop();
  }
}

/** An ingestion phase: lesson traffic (a share of it redelivered) POSTed to `path`. */
export function ingest(
  url: string,
  path: string,
  connections: number,
  serviceUrl: string,
  duplicateShare: number,
): Phase {
  const traffic = lessonTraffic({
    serviceUrl,
    lessons: LESSONS,
    pupilsPerLesson: PUPILS,
    duplicateShare,
    seed: seed++,
  });
  return { url, connections, seconds: SECONDS, method: 'POST', next: traffic.request(path) };
}

const MINUTE_MS = 60_000;
/** Time allowed for a phase's warm-up and start, on top of its measured seconds. */
export const WARM_UP_ALLOWANCE_MS = 10_000;

/**
 * Waits for the next minute when less than `ms` of this one is left. The status and school views' ETags change with
 * the minute, so a 304 phase (warm-up included) must not straddle one.
 */
export async function withinOneMinute(ms: number): Promise<void> {
  const left = MINUTE_MS - (Date.now() % MINUTE_MS);
  if (left < ms) await new Promise((resolve) => setTimeout(resolve, left + 100));
}
