/**
 * Two Chaperone processes over the same tables on the bench's one Azurite, sharing one school's lesson
 * traffic: autocannon's connections are split between the two URLs and all draw from one generator,
 * so each lesson's events land on either instance and the two race on the same lesson rows (If-Match
 * conflicts, reloads). A fixed number of requests, so every one is answered; then storage is read
 * back and every event answered 2xx must be in its lesson's history once.
 */
import type { MeetingKey } from '../bot/src/app/ports.js';
import { createStorageTables } from '../bot/src/storage/tableClients.js';
import { TableMeetingStore } from '../bot/src/storage/tableMeetingStore.js';
import type { ChaperoneWorld } from './chaperone.js';
import { BENCH_TENANT, lessonTraffic } from './lessonTraffic.js';
import { measure, type Measurement, type Phase } from './load.js';
import { LESSONS, logPhase, onServer, PUPILS, SECONDS, WARM_UP_REQUESTS } from './phases.js';
import { eventCost, type EventCost, type ProcessSample } from './processCost.js';
import type { RunningChild } from './spawnServer.js';
import { compareStored, UpdateLedger, type StoredCheck } from './updateLedger.js';

/** Connections over both instances together (half each), as the single instance's busier phase. */
export const TWO_INSTANCE_CONNECTIONS = 50;
// The fewest requests measured, so a slow warm-up still leaves a phase long enough to mean something.
const MIN_REQUESTS = TWO_INSTANCE_CONNECTIONS * 4;
// Long enough for every request to be answered on a slow machine: only a stuck run is cut off.
const CUT_OFF_SECONDS = Math.max(60, SECONDS * 10);
// An event held through a storage hiccup is written when storage answers again: read back a few times before calling
// an event lost.
const READS = 5;
const READ_PAUSE_MS = 2000;
// A few lessons read at a time, each with a generous deadline: the read-back is not measured, and Azurite may be slow.
const PARALLEL_READS = 10;
const READ_DEADLINE_MS = 30_000;

/** What the two-instance phase measured. */
export interface TwoInstanceMeasurements {
  /** Both instances together over the measured requests. */
  m: Measurement;
  /** Requests sent in the measured part (`m.total` of them were answered; fewer only if the run was cut off). */
  requests: number;
  /** Each instance's cost per event it acknowledged in the measured part. */
  costs: EventCost[];
  /** Writes storage refused to one instance because the other had just written (412/409) in the measured part. */
  conflicts: number;
  /** Every event acknowledged in the phase (warm-up included) against what storage holds. */
  check: StoredCheck;
  redeliveries: number;
}

/** Starts two Chaperones on one set of tables, drives lesson traffic through both, and checks nothing was lost. */
export function measureTwoInstances(
  world: ChaperoneWorld,
  connectionString: string,
  duplicateShare: number,
): Promise<TwoInstanceMeasurements> {
  const spec = world.chaperone(connectionString);
  if (spec.kind !== 'chaperone') throw new Error('The world must start Chaperone.');
  // One spec for both children: the same table prefix, so the same tables.
  return onServer(spec, (_a, first) =>
    onServer(spec, async (_b, second) => {
      const traffic = lessonTraffic({
        serviceUrl: world.connector.url,
        lessons: LESSONS,
        pupilsPerLesson: PUPILS,
        duplicateShare,
        seed: 21,
      });
      const ledger = new UpdateLedger();
      const servers = [first, second];
      const phase: Phase = {
        url: servers.map((s) => s.url),
        connections: TWO_INSTANCE_CONNECTIONS,
        seconds: SECONDS,
        method: 'POST',
        next: traffic.request('/api/messages', ledger.sending),
        onResponse: ledger.answered,
      };
      const warm = await measure({ ...phase, seconds: 60, amount: WARM_UP_REQUESTS });
      const amount = Math.max(MIN_REQUESTS, Math.round(warm.perSecond * SECONDS));
      const ports = servers.map((s) => new URL(s.url).port);
      const answered = () => ports.map((port) => ledger.answersFrom(port));
      const before = await sampleAll(servers);
      const answeredBefore = answered();
      const m = await measure({ ...phase, seconds: CUT_OFF_SECONDS, amount });
      const after = await sampleAll(servers);
      const events = answered().map((n, i) => n - answeredBefore[i]!);
      const costs = servers.map((_, i) => eventCost(before[i]!, after[i]!, events[i]!, m.seconds));
      const conflicts = servers.reduce(
        (sum, _, i) => sum + (after[i]!.storage?.conflicts ?? 0) - (before[i]!.storage?.conflicts ?? 0),
        0,
      );
      const check = await readBack(connectionString, spec.tablePrefix, traffic.meetingIds(), ledger);
      const perInstance = costs.map((c) => `${c.cpuUsPerEvent} us`).join(' and ');
      logPhase(
        `Chaperone x2, ${TWO_INSTANCE_CONNECTIONS} conn (${m.total}/${amount} req)`,
        m,
        `  CPU ${perInstance} per event  conflicts ${conflicts}`,
      );
      console.log(
        `  read back: ${check.acknowledged} events acknowledged, ${check.stored} stored, lost ${check.lost}, ` +
          `stored twice ${check.storedTwice}, stored without a 2xx ${check.unacknowledged}` +
          (check.lost ? ` (lost e.g. ${check.lostExamples.join(', ')})` : ''),
      );
      return { m, requests: amount, costs, conflicts, check, redeliveries: traffic.duplicates() };
    }),
  );
}

function sampleAll(servers: RunningChild[]): Promise<ProcessSample[]> {
  return Promise.all(servers.map((s) => s.sample()));
}

/** Reads every lesson's history from the shared tables and compares it with the ledger, again while any is missing. */
async function readBack(
  connectionString: string,
  tablePrefix: string,
  meetingIds: string[],
  ledger: UpdateLedger,
): Promise<StoredCheck> {
  const tables = createStorageTables({ connectionString, tablePrefix, timeoutMs: READ_DEADLINE_MS });
  const store = new TableMeetingStore(tables.meetings);
  const keys: MeetingKey[] = meetingIds.map((meetingId) => ({ tenantId: BENCH_TENANT, meetingId }));
  let check: StoredCheck | undefined;
  for (let read = 1; read <= READS; read++) {
    if (read > 1) await new Promise((resolve) => setTimeout(resolve, READ_PAUSE_MS));
    const histories: string[][] = [];
    for (let i = 0; i < keys.length; i += PARALLEL_READS) {
      const some = keys.slice(i, i + PARALLEL_READS);
      histories.push(...(await Promise.all(some.map(async (key) => (await store.listEvents(key)).map((e) => e.id)))));
    }
    check = compareStored(ledger.eventIds(), histories);
    if (check.lost === 0) break;
  }
  return check!;
}
