/**
 * `npm run bench`: Chaperone against four anchors in one run on 127.0.0.1 with one Azurite, then
 * the tab's size and the service's start-up cost. Prints a table and writes `bench/results.json`.
 * Every server, anchors and Chaperone alike, runs in its own child process with fresh tables, and
 * autocannon drives it from this process, so the load generator never shares the server's event
 * loop. Every phase is bounded (BENCH_SECONDS each, default 6) and everything started is stopped.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startLocalAzurite, type LocalAzurite } from '../bot/src/storage/localAzurite.js';
// @ts-expect-error the build helper is plain JavaScript without declarations
import { ensureTabBuilt } from '../scripts/tab-build.mjs';
import { startChaperoneWorld, type ChaperoneWorld } from './chaperone.js';
import { measureBoot, tabInitialJs } from './footprint.js';
import { meanOf, measure, type Measurement, type Phase } from './load.js';
import { lessonTraffic } from './lessonTraffic.js';
import { results, table, type RunMeasurements } from './report.js';
import { startServerProcess, type ServerSpec } from './spawnServer.js';
import { seedStatusLesson } from './statusLesson.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 6);
const DUPLICATES = 0.05;
// More lessons than connections, so requests in flight are for different lessons, as in a school.
const LESSONS = 150;
const PUPILS = 25;
// Closed port: the bare bots send nothing back, so their activities' serviceUrl is never called.
const NOWHERE = 'http://127.0.0.1:9/';

let seed = 1;
let tables = 0;

/** One warm-up second (not measured; it also starts the lessons), then the measured phase. */
async function phase(name: string, spec: Phase): Promise<Measurement> {
  await measure({ ...spec, seconds: 1 });
  const m = await measure(spec);
  console.log(`  ${name.padEnd(34)} ${Math.round(m.perSecond).toString().padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  failures ${m.failures}`);
  return m;
}

/** Starts `spec` in its own child process, runs `work` against its URL, and stops it whatever happens. */
async function onServer<T>(spec: ServerSpec, work: (url: string) => Promise<T>): Promise<T> {
  const server = await startServerProcess(spec);
  try {
    return await work(server.url);
  } finally {
    await server.stop();
  }
}

function ingest(url: string, path: string, connections: number, serviceUrl: string, duplicateShare: number): Phase {
  const traffic = lessonTraffic({ serviceUrl, lessons: LESSONS, pupilsPerLesson: PUPILS, duplicateShare, seed: seed++ });
  return { url, connections, seconds: SECONDS, method: 'POST', next: traffic.request(path) };
}

/** Anchor D and Chaperone at one connection count, each run on a fresh server with fresh tables. */
async function againstD(connectionString: string, world: ChaperoneWorld, connections: number): Promise<{ d: Measurement[]; chaperone: Measurement }> {
  const d = (): Promise<Measurement> =>
    onServer({ kind: 'D', connectionString, table: `benchanchor${Date.now().toString(36)}${tables++}` }, (url) =>
      phase(`D bare bot + Table row, ${connections} conn`, ingest(url, '/api/messages', connections, NOWHERE, 0)));
  // D, Chaperone, D again: Azurite's drift over the run falls on both sides of Chaperone; D is the mean of its two runs.
  const before = await d();
  const chaperone = await onServer(world.chaperone(connectionString), (url) =>
    phase(`Chaperone /api/messages, ${connections} conn`, ingest(url, '/api/messages', connections, world.connector.url, DUPLICATES)));
  const after = await d();
  return { d: [before, after], chaperone };
}

async function main(): Promise<void> {
  let azurite: LocalAzurite | undefined;
  let world: ChaperoneWorld | undefined;
  try {
    ensureTabBuilt();
    azurite = await startLocalAzurite();
    const { connectionString } = azurite;
    world = await startChaperoneWorld();
    console.log(`Bench: ${SECONDS} s per phase, ${cpus().length} CPUs, Node ${process.version}, Azurite on port ${azurite.port}`);

    console.log('Anchors:');
    const A = await onServer({ kind: 'A' }, (url) => phase('A node:http', { url, connections: 10, seconds: SECONDS }));
    const B = await onServer({ kind: 'B' }, (url) => phase('B restify', { url, connections: 10, seconds: SECONDS }));
    const C10 = await onServer({ kind: 'C' }, (url) => phase('C bare bot, 10 conn', ingest(url, '/api/messages', 10, NOWHERE, 0)));
    const C50 = await onServer({ kind: 'C' }, (url) => phase('C bare bot, 50 conn', ingest(url, '/api/messages', 50, NOWHERE, 0)));
    console.log('D and Chaperone:');
    const at10 = await againstD(connectionString, world, 10);
    const at50 = await againstD(connectionString, world, 50);
    const anchors = { A, B, C10, C50, D10: meanOf(at10.d), D50: meanOf(at50.d), DRuns: { D10: at10.d, D50: at50.d } };
    const ingestion = { c10: at10.chaperone, c50: at50.chaperone, duplicateShare: DUPLICATES };

    const chaperoneWorld = world;
    const status = await onServer(world.chaperone(connectionString), async (url) => {
      const lesson = await seedStatusLesson(url, chaperoneWorld);
      return {
        full: await phase('GET status (200)', { url: lesson.statusUrl, connections: 10, seconds: SECONDS, headers: { authorization: lesson.authorization } }),
        notModified: await phase('GET status If-None-Match (304)', { url: lesson.statusUrl, connections: 10, seconds: SECONDS, headers: { authorization: lesson.authorization, 'if-none-match': await lesson.etag() } }),
      };
    });

    const tab = tabInitialJs();
    const boot = await measureBoot(connectionString).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    const measurements: RunMeasurements = { anchors, ingestion, status, tab, boot };
    const res = results(measurements, {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      secondsPerPhase: SECONDS,
      lessons: LESSONS,
      pupilsPerLesson: PUPILS,
      loadGenerator: 'autocannon in the bench process; each server in its own child process (node --import tsx) with fresh tables; D measured before and after Chaperone, mean reported',
      boot: 'child process: node --import tsx bot/src/index.ts',
    });
    writeFileSync('bench/results.json', `${JSON.stringify(res, null, 2)}\n`);
    console.log(`\n${table(res)}\n\nWrote bench/results.json`);
  } finally {
    await world?.stop().catch(() => undefined);
    await azurite?.stop();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
