/** Turns the bench's measurements into the printed table and `bench/results.json`. */
import { lengthLine, type LengthCost } from './lessonLength.js';
import { costResults, costTable, CPU_PER_EVENT_RATIO_TO_D, type IngestionCosts } from './costReport.js';
import { fig, r2 } from './figures.js';
import type { BootCost, TabSize } from './footprint.js';
import { meanOf, type Measurement } from './load.js';
import type { EventCost } from './processCost.js';
import type { SchoolNowMeasurements } from './schoolNowPhases.js';
import type { TwoInstanceMeasurements } from './twoInstances.js';
import { noLostUpdates, twoInstanceRatio, twoInstanceResults } from './twoInstancesReport.js';

/** Everything one run measured, by phase name. */
export interface RunMeasurements {
  /** D10 and D50 are the means of `DRuns` (one run before each run of Chaperone and one after the last). */
  anchors: {
    A: Measurement;
    /** The mean of `BRuns`. */
    B: Measurement;
    /** B measured just before and after each read phase; each read's ratio is to the mean of its two. */
    BRuns: { status: Measurement[]; school: Measurement[] };
    C10: Measurement;
    C50: Measurement;
    D10: Measurement;
    D50: Measurement;
    DRuns: { D10: Measurement[]; D50: Measurement[] };
  };
  /** c10 and c50 are the means of `runs`, each measured between two runs of D. */
  ingestion: {
    c10: Measurement;
    c50: Measurement;
    runs: { c10: Measurement[]; c50: Measurement[] };
    duplicateShare: number;
  };
  /** Two Chaperone processes over the same tables, and what storage held afterwards. */
  twoInstances: TwoInstanceMeasurements;
  /** CPU, storage traffic and memory of the server processes over the ingestion phases. */
  cost: IngestionCosts;
  status: { full: Measurement; notModified: Measurement };
  /** The school view's "now" for a school of live lessons, with the server's cost and RSS after each phase. */
  school: SchoolNowMeasurements;
  tab: TabSize;
  boot: BootCost | { error: string };
  /** The lesson step's cost per event by its place in its lesson (lessonLength.ts). */
  lessonLength: LengthCost[];
}

/** The targets, as ratios from the same run. */
export const TARGETS = {
  ingestionRatioToD: 0.8,
  ingestionP99RatioToD: 1.5,
  statusRatioToB: 0.6,
  statusFullRatioToB: 0.3,
  schoolNowRatioToB: 0.3,
  tabInitialJsGzipKb: 200,
};

/** A read phase with its ratio to B and what the server spent on it (RSS at the end of the phase). */
const read = ({ m, cost }: { m: Measurement; cost: EventCost }, B: Measurement) => ({
  ...fig(m),
  ratioToB: r2(m.perSecond / B.perSecond),
  cpuUsPerRequest: cost.cpuUsPerEvent,
  ...(cost.storageRequestsPerEvent === undefined ? {} : { storageRequestsPerRequest: cost.storageRequestsPerEvent }),
  rssMb: cost.rssMb,
});

/** The JSON written to `bench/results.json`: raw figures, ratios and whether each target is met. */
export function results(m: RunMeasurements, environment: object) {
  const { C10, C50, D10, D50, B } = m.anchors;
  const ratioToD = Math.min(m.ingestion.c10.perSecond / D10.perSecond, m.ingestion.c50.perSecond / D50.perSecond);
  const p99RatioToD = Math.max(m.ingestion.c10.p99 / D10.p99, m.ingestion.c50.p99 / D50.p99);
  const besideStatus = meanOf(m.anchors.BRuns.status);
  const besideSchool = meanOf(m.anchors.BRuns.school);
  const statusRatioToB = m.status.notModified.perSecond / besideStatus.perSecond;
  const statusFullRatioToB = m.status.full.perSecond / besideStatus.perSecond;
  const schoolNowRatioToB = m.school.notModified.m.perSecond / besideSchool.perSecond;
  const cost = costResults(m.cost);
  const twoInstances = twoInstanceResults(m.twoInstances, m.ingestion.c50);
  return {
    measuredAt: new Date().toISOString(),
    environment,
    anchors: {
      A: fig(m.anchors.A),
      B: fig(B),
      /** Requests per second of each B run, in the order measured: before status, between, after the school view. */
      BRuns: [...m.anchors.BRuns.status, m.anchors.BRuns.school[1]!].map((b) => Math.round(b.perSecond)),
      C10: fig(C10),
      C50: fig(C50),
      D10: fig(D10),
      D50: fig(D50),
      /** Requests per second of each D run, in the order measured (D10 and D50 are their means). */
      DRuns: {
        D10: m.anchors.DRuns.D10.map((d) => Math.round(d.perSecond)),
        D50: m.anchors.DRuns.D50.map((d) => Math.round(d.perSecond)),
      },
    },
    ingestion: {
      connections10: {
        ...fig(m.ingestion.c10),
        ratioToC: r2(m.ingestion.c10.perSecond / C10.perSecond),
        ratioToD: r2(m.ingestion.c10.perSecond / D10.perSecond),
        p99RatioToD: r2(m.ingestion.c10.p99 / D10.p99),
      },
      connections50: {
        ...fig(m.ingestion.c50),
        ratioToC: r2(m.ingestion.c50.perSecond / C50.perSecond),
        ratioToD: r2(m.ingestion.c50.perSecond / D50.perSecond),
        p99RatioToD: r2(m.ingestion.c50.p99 / D50.p99),
      },
      runs: {
        connections10: m.ingestion.runs.c10.map((run) => Math.round(run.perSecond)),
        connections50: m.ingestion.runs.c50.map((run) => Math.round(run.perSecond)),
      },
      duplicateShare: m.ingestion.duplicateShare,
      /** The worse of the two connection counts. */
      ratioToD: r2(ratioToD),
      p99RatioToD: r2(p99RatioToD),
    },
    twoInstances,
    cost,
    status: {
      full: { ...fig(m.status.full), ratioToB: r2(statusFullRatioToB) },
      notModified: { ...fig(m.status.notModified), ratioToB: r2(statusRatioToB) },
      /** With `If-None-Match` (304), the case the tab polls in. */
      ratioToB: r2(statusRatioToB),
      /** B just before and after these phases (the mean): what their ratios are to. */
      anchorB: fig(besideStatus),
    },
    schoolNow: {
      liveLessons: m.school.lessons,
      full: read(m.school.full, besideSchool),
      notModified: read(m.school.notModified, besideSchool),
      /** With `If-None-Match` (304), the case the school view polls in. */
      ratioToB: r2(schoolNowRatioToB),
      /** B just before and after these phases (the mean): what their ratios are to. */
      anchorB: fig(besideSchool),
      /** Server RSS with the school's lessons live, after the last phase. */
      rssMb: m.school.notModified.cost.rssMb,
    },
    tab: { initialJsGzipKb: m.tab.gzipKb, initialJsRawKb: m.tab.rawKb, files: m.tab.files },
    boot: m.boot,
    lessonLength: m.lessonLength,
    targets: {
      ingestionRatioToD: { target: `>= ${TARGETS.ingestionRatioToD}`, met: ratioToD >= TARGETS.ingestionRatioToD },
      ingestionP99RatioToD: {
        target: `<= ${TARGETS.ingestionP99RatioToD}`,
        met: p99RatioToD <= TARGETS.ingestionP99RatioToD,
      },
      cpuPerEventRatioToD: { target: `<= ${CPU_PER_EVENT_RATIO_TO_D}`, met: cost.cpuPerEventMet },
      twoInstancesNoLostUpdate: noLostUpdates(twoInstances),
      statusRatioToB: { target: `>= ${TARGETS.statusRatioToB}`, met: statusRatioToB >= TARGETS.statusRatioToB },
      statusFullRatioToB: {
        target: `>= ${TARGETS.statusFullRatioToB}`,
        met: statusFullRatioToB >= TARGETS.statusFullRatioToB,
      },
      schoolNowRatioToB: {
        target: `>= ${TARGETS.schoolNowRatioToB}`,
        met: schoolNowRatioToB >= TARGETS.schoolNowRatioToB,
      },
      tabInitialJsGzipKb: {
        target: `<= ${TARGETS.tabInitialJsGzipKb}`,
        met: m.tab.gzipKb <= TARGETS.tabInitialJsGzipKb,
      },
    },
  };
}

/** The Markdown table printed at the end of a run (and pasted into the README's Performance section). */
export function table(res: ReturnType<typeof results>): string {
  const row = (
    name: string,
    f: { perSecond: number; p50Ms: number; p99Ms: number; failures: number },
    ratio = '',
  ): string => `| ${name} | ${f.perSecond} | ${f.p50Ms} | ${f.p99Ms} | ${f.failures} | ${ratio} |`;
  const schoolRow = (name: string, f: ReturnType<typeof read>): string =>
    row(`${name} (10 conn, ${res.schoolNow.liveLessons} lessons)`, f, `${f.ratioToB}x B, server RSS ${f.rssMb} MB`);
  const i10 = res.ingestion.connections10;
  const i50 = res.ingestion.connections50;
  const lines = [
    '| Phase | req/s | p50 ms | p99 ms | failures | ratio |',
    '|---|---:|---:|---:|---:|---|',
    row('A node:http 200 (10 conn)', res.anchors.A),
    row('B restify JSON (10 conn, mean of three)', res.anchors.B),
    row('C bare bot (10 conn)', res.anchors.C10),
    row('C bare bot (50 conn)', res.anchors.C50),
    row('D bare bot + 1 Table write (10 conn)', res.anchors.D10),
    row('D bare bot + 1 Table write (50 conn)', res.anchors.D50),
    row('Chaperone /api/messages (10 conn)', i10, `${i10.ratioToC}x C, ${i10.ratioToD}x D, p99 ${i10.p99RatioToD}x D`),
    row('Chaperone /api/messages (50 conn)', i50, `${i50.ratioToC}x C, ${i50.ratioToD}x D, p99 ${i50.p99RatioToD}x D`),
    row('Chaperone x2, one Azurite (50 conn)', res.twoInstances, twoInstanceRatio(res.twoInstances)),
    '',
    costTable(res.cost),
    '',
    '| Phase | req/s | p50 ms | p99 ms | failures | ratio |',
    '|---|---:|---:|---:|---:|---|',
    row('B restify JSON, before and after status (10 conn)', res.status.anchorB),
    row('status 200 (10 conn)', res.status.full, `${res.status.full.ratioToB}x B`),
    row('status 304 If-None-Match (10 conn)', res.status.notModified, `${res.status.notModified.ratioToB}x B`),
    row('B restify JSON, before and after school now (10 conn)', res.schoolNow.anchorB),
    schoolRow('school now 200', res.schoolNow.full),
    schoolRow('school now 304 If-None-Match', res.schoolNow.notModified),
    '',
    `Tab initial JS: ${res.tab.initialJsGzipKb} KB gzip (${res.tab.initialJsRawKb} KB raw).`,
    'boot' in res && 'bootMs' in res.boot
      ? `Boot (child process, tsx): ${res.boot.bootMs} ms to listening; idle RSS ${res.boot.idleRssMb} MB after ${res.boot.idleMs / 1000} s.`
      : `Boot: not measured (${(res.boot as { error: string }).error.split('\n')[0]}).`,
    lengthLine(res.lessonLength),
    '',
    'Targets: ' +
      Object.entries(res.targets)
        .map(([name, t]) => `${name} ${t.target}: ${t.met ? 'met' : 'MISSED'}`)
        .join('; '),
  ];
  return lines.join('\n');
}
