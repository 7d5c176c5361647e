/**
 * `npm run bench`: Chaperone against four anchors in one run on 127.0.0.1 with one Azurite, then
 * the tab's size and the service's start-up cost. Prints a table and writes `bench/results.json`.
 * Every server, anchors and Chaperone alike, runs in its own child process with fresh tables, and
 * autocannon drives it from this process, so the load generator never shares the server's event
 * loop. Every phase is bounded (BENCH_SECONDS each, default 6) and everything started is stopped.
 * Around the ingestion phases each server child also reports its CPU, storage traffic and memory
 * over IPC, and the bench reads Azurite's CPU (emulatorCpu.ts), so cost per event is printed beside
 * anchor D's (costReport.ts). One phase runs two Chaperones over the same tables and checks that no
 * acknowledged event went missing (twoInstances.ts); the last replays long lessons through the lesson
 * step alone to show what an event costs as a lesson grows (lessonLength.ts).
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { startLocalAzurite, type LocalAzurite } from '../bot/src/storage/localAzurite.js';
// @ts-expect-error the build helper is plain JavaScript without declarations
import { ensureTabBuilt } from '../scripts/tab-build.mjs';
import { startChaperoneWorld, type ChaperoneWorld } from './chaperone.js';
import { processCpu, stopReadingCpu } from './emulatorCpu.js';
import { measureBoot, tabInitialJs } from './footprint.js';
import { lengthLine, benchLessonLengths } from './lessonLength.js';
import { meanOf } from './load.js';
import {
  costedPhase,
  ingest,
  LESSONS,
  onServer,
  phase,
  PUPILS,
  SECONDS,
  WARM_UP_ALLOWANCE_MS,
  WARM_UP_REQUESTS,
  withinOneMinute,
} from './phases.js';
import { meanCost } from './processCost.js';
import { results, table, type RunMeasurements } from './report.js';
import { measureSchoolNow } from './schoolNowPhases.js';
import { seedStatusLesson } from './statusLesson.js';
import { measureTwoInstances, TWO_INSTANCE_CONNECTIONS } from './twoInstances.js';

const DUPLICATES = 0.05;
// Closed port: the bare bots send nothing back, so their activities' serviceUrl is never called.
const NOWHERE = 'http://127.0.0.1:9/';

let tables = 0;
/** Chaperone runs per connection count, each between two runs of D. */
const CHAPERONE_RUNS = 2;

/**
 * Anchor D and Chaperone at one connection count, alternating D, Chaperone, D, Chaperone, D: the machine's speed
 * drifts over a run (by a fifth within a minute on a shared machine), and alternating puts that drift on both sides of
 * each Chaperone run. Every run is a fresh server with fresh tables; each side is the mean of its runs.
 */
async function againstD(azurite: LocalAzurite, world: ChaperoneWorld, connections: number) {
  const { connectionString } = azurite;
  const emulator = processCpu(azurite.pid);
  const d = () =>
    onServer(
      { kind: 'D', connectionString, table: `benchanchor${Date.now().toString(36)}${tables++}` },
      (url, server) =>
        costedPhase(
          `D bare bot + Table row, ${connections} conn`,
          ingest(url, '/api/messages', connections, NOWHERE, 0),
          server,
          emulator,
        ),
    );
  const chaperone = () =>
    onServer(world.chaperone(connectionString), (url, server) =>
      costedPhase(
        `Chaperone /api/messages, ${connections} conn`,
        ingest(url, '/api/messages', connections, world.connector.url, DUPLICATES),
        server,
        emulator,
      ),
    );
  const dRuns = [await d()];
  const chaperoneRuns = [];
  for (let i = 0; i < CHAPERONE_RUNS; i++) {
    chaperoneRuns.push(await chaperone());
    dRuns.push(await d());
  }
  return {
    d: dRuns.map((run) => run.m),
    dCost: meanCost(dRuns.map((run) => run.cost)),
    chaperone: meanOf(chaperoneRuns.map((run) => run.m)),
    chaperoneRuns: chaperoneRuns.map((run) => run.m),
    chaperoneCost: meanCost(chaperoneRuns.map((run) => run.cost)),
  };
}

async function main(): Promise<void> {
  let azurite: LocalAzurite | undefined;
  let world: ChaperoneWorld | undefined;
  try {
    ensureTabBuilt();
    azurite = await startLocalAzurite();
    const { connectionString } = azurite;
    world = await startChaperoneWorld();
    console.log(
      `Bench: ${SECONDS} s per phase, ${cpus().length} CPUs, Node ${process.version}, Azurite on port ${azurite.port}`,
    );

    console.log('Anchors:');
    const A = await onServer({ kind: 'A' }, (url) => phase('A node:http', { url, connections: 10, seconds: SECONDS }));
    const anchorB = () =>
      onServer({ kind: 'B' }, (url) => phase('B restify', { url, connections: 10, seconds: SECONDS }));
    const C10 = await onServer({ kind: 'C' }, (url) =>
      phase('C bare bot, 10 conn', ingest(url, '/api/messages', 10, NOWHERE, 0)),
    );
    const C50 = await onServer({ kind: 'C' }, (url) =>
      phase('C bare bot, 50 conn', ingest(url, '/api/messages', 50, NOWHERE, 0)),
    );
    console.log('D and Chaperone:');
    const at10 = await againstD(azurite, world, 10);
    const at50 = await againstD(azurite, world, 50);
    const ingestion = {
      c10: at10.chaperone,
      c50: at50.chaperone,
      runs: { c10: at10.chaperoneRuns, c50: at50.chaperoneRuns },
      duplicateShare: DUPLICATES,
    };
    const cost = { D10: at10.dCost, D50: at50.dCost, c10: at10.chaperoneCost, c50: at50.chaperoneCost };
    console.log('Two Chaperones on one Azurite:');
    const twoInstances = await measureTwoInstances(world, connectionString, DUPLICATES);

    // B is measured just before and after each read phase (the machine's speed drifts over a run), as D is around
    // Chaperone's ingestion.
    console.log('Reads, with anchor B just before and after:');
    const B1 = await anchorB();
    const chaperoneWorld = world;
    const status = await onServer(world.chaperone(connectionString), async (url) => {
      const lesson = await seedStatusLesson(url, chaperoneWorld);
      const get = (headers: Record<string, string>) => ({
        url: lesson.statusUrl,
        connections: 10,
        seconds: SECONDS,
        headers: { authorization: lesson.authorization, ...headers },
      });
      const full = await phase('GET status (200)', get({}));
      await withinOneMinute(SECONDS * 1000 + WARM_UP_ALLOWANCE_MS);
      const notModified = await phase('GET status If-None-Match (304)', get({ 'if-none-match': await lesson.etag() }));
      return { full, notModified };
    });
    const B2 = await anchorB();
    const school = await measureSchoolNow(world, connectionString);
    const B3 = await anchorB();
    const anchors = {
      A,
      B: meanOf([B1, B2, B3]),
      BRuns: { status: [B1, B2], school: [B2, B3] },
      C10,
      C50,
      D10: meanOf(at10.d),
      D50: meanOf(at50.d),
      DRuns: { D10: at10.d, D50: at50.d },
    };

    const tab = tabInitialJs();
    const boot = await measureBoot(connectionString).catch((error: unknown) => ({
      error: error instanceof Error ? error.message : String(error),
    }));
    const lessonLength = benchLessonLengths();
    console.log(lengthLine(lessonLength));
    const measurements: RunMeasurements = {
      anchors,
      ingestion,
      twoInstances,
      cost,
      status,
      school,
      tab,
      boot,
      lessonLength,
    };
    const res = results(measurements, {
      cpus: cpus().length,
      cpuModel: cpus()[0]?.model ?? 'unknown',
      node: process.version,
      secondsPerPhase: SECONDS,
      lessons: LESSONS,
      pupilsPerLesson: PUPILS,
      loadGenerator:
        'autocannon in the bench process; each server in its own child process (node --import tsx) with fresh tables; D and Chaperone alternated (D, Chaperone, D, Chaperone, D) at each connection count, B before and after each read phase, means reported',
      costPerEvent: `server child's process.cpuUsage(), storage requests/body bytes (SDK pipeline policy) and Azurite's CPU (pidusage: /proc on Linux) over the measured phase, divided by its 2xx responses (redeliveries included); ingestion phases warm up with ${WARM_UP_REQUESTS} requests so every lesson has opened (started, both staff and a first pupil in), and lessons then move on independently rather than in lockstep`,
      schoolNow:
        "GET /api/school/now as the DSL after lessons were started through /api/messages (both staff, two pupils each) and the board listed them all; the server child's RSS at the end of each phase",
      twoInstances: `two Chaperone children over the same tables, one autocannon run with its ${TWO_INSTANCE_CONNECTIONS} connections split between them drawing on one lesson generator, a fixed number of requests sized from the warm-up's rate; then every lesson's history read back from the meetings table`,
      boot: 'child process: node --import tsx bot/src/index.ts',
    });
    writeFileSync('bench/results.json', `${JSON.stringify(res, null, 2)}\n`);
    console.log(`\n${table(res)}\n\nWrote bench/results.json`);
  } finally {
    await world?.stop().catch(() => undefined);
    await azurite?.stop();
    stopReadingCpu();
  }
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error instanceof Error ? error.stack : String(error));
    process.exit(1);
  },
);
