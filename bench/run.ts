/**
 * `npm run bench`: Chaperone against four anchors in one run on 127.0.0.1 with one Azurite, then
 * the tab's size and the service's start-up cost. Prints a table and writes `bench/results.json`.
 * Every phase is bounded (BENCH_SECONDS each, default 6) and everything started is stopped.
 */
import { writeFileSync } from 'node:fs';
import { cpus } from 'node:os';
import { TableClient } from '@azure/data-tables';
import { startLocalAzurite, type LocalAzurite } from '../bot/src/storage/localAzurite.js';
// @ts-expect-error the build helper is plain JavaScript without declarations
import { ensureTabBuilt } from '../scripts/tab-build.mjs';
import { startBareBot, startRawHttp, startRawRestify, type Running } from './anchors.js';
import { startBenchService, type BenchService } from './chaperone.js';
import { measureBoot, tabInitialJs } from './footprint.js';
import { measure, type Measurement, type Phase } from './load.js';
import { lessonTraffic } from './lessonTraffic.js';
import { results, table, type RunMeasurements } from './report.js';
import { seedStatusLesson } from './statusLesson.js';

const SECONDS = Number(process.env['BENCH_SECONDS'] ?? 6);
const DUPLICATES = 0.05;
// More lessons than connections, so requests in flight are for different lessons, as in a school.
const LESSONS = 150;
const PUPILS = 25;
// Closed port: the bare bots send nothing back, so their activities' serviceUrl is never called.
const NOWHERE = 'http://127.0.0.1:9/';

let seed = 1;

/** One warm-up second (not measured; it also starts the lessons), then the measured phase. */
async function phase(name: string, spec: Phase): Promise<Measurement> {
  await measure({ ...spec, seconds: 1 });
  const m = await measure(spec);
  console.log(`  ${name.padEnd(34)} ${Math.round(m.perSecond).toString().padStart(6)} req/s  p50 ${m.p50} ms  p99 ${m.p99} ms  failures ${m.failures}`);
  return m;
}

function ingest(url: string, path: string, connections: number, serviceUrl: string, duplicateShare: number): Phase {
  const traffic = lessonTraffic({ serviceUrl, lessons: LESSONS, pupilsPerLesson: PUPILS, duplicateShare, seed: seed++ });
  return { url, connections, seconds: SECONDS, method: 'POST', next: traffic.request(path) };
}

async function main(): Promise<void> {
  const started: Array<{ stop(): Promise<void> }> = [];
  let azurite: LocalAzurite | undefined;
  try {
    ensureTabBuilt();
    azurite = await startLocalAzurite();
    console.log(`Bench: ${SECONDS} s per phase, ${cpus().length} CPUs, Node ${process.version}, Azurite on port ${azurite.port}`);

    const a: Running = await startRawHttp();
    const b = await startRawRestify();
    const c = await startBareBot();
    const anchorTable = TableClient.fromConnectionString(azurite.connectionString, `benchanchor${Date.now().toString(36)}`, { allowInsecureConnection: true });
    await anchorTable.createTable();
    const d = await startBareBot(anchorTable);
    started.push(a, b, c, d);

    console.log('Anchors:');
    const anchors = {
      A: await phase('A node:http', { url: a.url, connections: 10, seconds: SECONDS }),
      B: await phase('B restify', { url: b.url, connections: 10, seconds: SECONDS }),
      C10: await phase('C bare bot, 10 conn', ingest(c.url, '/api/messages', 10, NOWHERE, 0)),
      C50: await phase('C bare bot, 50 conn', ingest(c.url, '/api/messages', 50, NOWHERE, 0)),
      D10: await phase('D bare bot + Table row, 10 conn', ingest(d.url, '/api/messages', 10, NOWHERE, 0)),
      D50: await phase('D bare bot + Table row, 50 conn', ingest(d.url, '/api/messages', 50, NOWHERE, 0)),
    };
    for (const anchor of [a, b, c, d]) await anchor.stop();
    started.length = 0;

    const chaperone: BenchService = await startBenchService(azurite.connectionString);
    started.push(chaperone);
    const base = chaperone.service.url;
    const serviceUrl = chaperone.connector.url;
    console.log('Chaperone:');
    const ingestion = {
      c10: await phase('/api/messages, 10 conn', ingest(base, '/api/messages', 10, serviceUrl, DUPLICATES)),
      c50: await phase('/api/messages, 50 conn', ingest(base, '/api/messages', 50, serviceUrl, DUPLICATES)),
      duplicateShare: DUPLICATES,
    };
    const lesson = await seedStatusLesson(chaperone);
    const status = {
      full: await phase('GET status (200)', { url: lesson.statusUrl, connections: 10, seconds: SECONDS, headers: { authorization: lesson.authorization } }),
      notModified: await phase('GET status If-None-Match (304)', { url: lesson.statusUrl, connections: 10, seconds: SECONDS, headers: { authorization: lesson.authorization, 'if-none-match': await lesson.etag() } }),
    };
    await chaperone.stop();
    started.length = 0;

    const tab = tabInitialJs();
    const boot = await measureBoot(azurite.connectionString).catch((error: unknown) => ({ error: error instanceof Error ? error.message : String(error) }));
    const measurements: RunMeasurements = { anchors, ingestion, status, tab, boot };
    const res = results(measurements, { cpus: cpus().length, cpuModel: cpus()[0]?.model ?? 'unknown', node: process.version, secondsPerPhase: SECONDS, lessons: LESSONS, pupilsPerLesson: PUPILS, loadGenerator: 'autocannon, same process', boot: 'child process: node --import tsx bot/src/index.ts' });
    writeFileSync('bench/results.json', `${JSON.stringify(res, null, 2)}\n`);
    console.log(`\n${table(res)}\n\nWrote bench/results.json`);
  } finally {
    for (const s of started) await s.stop().catch(() => undefined);
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
