/** The cost-per-event part of the bench report: Chaperone beside anchor D from the same run. */
import { ratio, type EventCost } from './processCost.js';

/**
 * Costs of the ingestion phases: D (mean of its runs either side of Chaperone) and Chaperone, at 10 and 50 connections.
 */
export interface IngestionCosts {
  D10: EventCost;
  D50: EventCost;
  c10: EventCost;
  c50: EventCost;
}

/** The target: CPU per event at most this many times D's. */
export const CPU_PER_EVENT_RATIO_TO_D = 2;

/** Chaperone's cost at one connection count, with its ratios to D's. */
function beside(d: EventCost, chaperone: EventCost) {
  return {
    D: d,
    chaperone,
    ratioToD: {
      cpuPerEvent: ratio(chaperone.cpuUsPerEvent, d.cpuUsPerEvent),
      storageRequestsPerEvent: ratio(chaperone.storageRequestsPerEvent, d.storageRequestsPerEvent),
      storageBytesPerEvent: ratio(chaperone.storageBytesPerEvent, d.storageBytesPerEvent),
      emulatorCpuPerEvent: ratio(chaperone.emulatorCpuUsPerEvent, d.emulatorCpuUsPerEvent),
      rss: ratio(chaperone.rssMb, d.rssMb),
    },
  };
}

/** The `cost` section of `bench/results.json`. */
export function costResults(costs: IngestionCosts) {
  const connections10 = beside(costs.D10, costs.c10);
  const connections50 = beside(costs.D50, costs.c50);
  const worst = Math.max(
    connections10.ratioToD.cpuPerEvent ?? Infinity,
    connections50.ratioToD.cpuPerEvent ?? Infinity,
  );
  return {
    connections10,
    connections50,
    /** The worse of the two connection counts. */
    cpuPerEventRatioToD: Number.isFinite(worst) ? worst : undefined,
    cpuPerEventMet: worst <= CPU_PER_EVENT_RATIO_TO_D,
    /** Chaperone's resident memory at the end of the 50-connection phase, its 150 lessons live. */
    chaperoneRssMbAfterIngestion: costs.c50.rssMb,
  };
}

const shown = (n: number | undefined, unit = ''): string =>
  n === undefined || !Number.isFinite(n) ? 'n/a' : `${n}${unit}`;
const times = (n: number | undefined): string => (n === undefined ? 'n/a' : `${n}x`);

const byTarget = (c: EventCost): string =>
  Object.entries(c.storageRequestsByTarget ?? {})
    .map(([target, n]) => `${target} ${n}`)
    .join(', ') || 'n/a';

/** The Markdown table of costs per accepted event, D beside Chaperone with the ratio. */
export function costTable(cost: ReturnType<typeof costResults>): string {
  const { connections10: c10, connections50: c50 } = cost;
  const row = (
    name: string,
    pick: (c: EventCost) => number | undefined,
    ratioOf: (b: typeof c10) => number | undefined,
    unit = '',
  ): string =>
    `| ${name} | ${shown(pick(c10.D), unit)} | ${shown(pick(c10.chaperone), unit)} | ${times(ratioOf(c10))} | ${shown(pick(c50.D), unit)} | ${shown(pick(c50.chaperone), unit)} | ${times(ratioOf(c50))} |`;
  return [
    '| Per accepted event | D 10 conn | Chaperone 10 conn | ratio | D 50 conn | Chaperone 50 conn | ratio |',
    '|---|---:|---:|---|---:|---:|---|',
    row(
      'server CPU (user+system)',
      (c) => c.cpuUsPerEvent,
      (b) => b.ratioToD.cpuPerEvent,
      ' us',
    ),
    row(
      'storage emulator CPU (Azurite)',
      (c) => c.emulatorCpuUsPerEvent,
      (b) => b.ratioToD.emulatorCpuPerEvent,
      ' us',
    ),
    row(
      'storage requests',
      (c) => c.storageRequestsPerEvent,
      (b) => b.ratioToD.storageRequestsPerEvent,
    ),
    row(
      'storage request body bytes',
      (c) => c.storageBytesPerEvent,
      (b) => b.ratioToD.storageBytesPerEvent,
      ' B',
    ),
    row(
      'cores busy over the phase',
      (c) => c.cores,
      (b) => ratio(b.chaperone.cores, b.D.cores),
    ),
    row(
      'server RSS at phase end',
      (c) => c.rssMb,
      (b) => b.ratioToD.rss,
      ' MB',
    ),
    '',
    `Chaperone's storage requests per event (50 conn): ${byTarget(c50.chaperone)}.`,
    `Chaperone RSS after ingestion with 150 live lessons: ${cost.chaperoneRssMbAfterIngestion} MB. ` +
      `CPU per event ${shown(cost.cpuPerEventRatioToD)}x D (target <= ${CPU_PER_EVENT_RATIO_TO_D}x: ${cost.cpuPerEventMet ? 'met' : 'MISSED'}).`,
  ].join('\n');
}
