/**
 * What a server child reports about itself when the bench asks (over IPC, never over HTTP, so the
 * product has no such endpoint), and the cost per event worked out from two such samples.
 */
import type { StorageTraffic } from './storageMeter.js';

/** The bench's request for a sample, sent to a server child. */
export interface SampleRequest {
  type: 'sample';
  id: number;
  /** 'start' begins a CPU profile after the sample is taken; a file name ends it and writes it there before. */
  profile?: 'start' | { writeTo: string };
}

/** One server child's state at one moment. */
export interface ProcessSample {
  type: 'sample';
  id: number;
  /** `process.cpuUsage()`: user and system CPU in microseconds since the process started. */
  cpu: { user: number; system: number };
  rssBytes: number;
  /** Undefined for servers that do not use storage. */
  storage?: StorageTraffic;
}

/** The cost of a measured phase per accepted event. */
export interface EventCost {
  events: number;
  /** Microseconds of CPU (user + system) of the server process per accepted event. */
  cpuUsPerEvent: number;
  /** Share of one core the server used over the phase (1 = one core flat out). */
  cores: number;
  /** Storage requests and request body bytes per accepted event (absent for servers without storage). */
  storageRequestsPerEvent?: number;
  storageBytesPerEvent?: number;
  /**
   * Storage requests per accepted event by method and table (`PUT meetings`, `POST $batch`), those above 0.005 only.
   */
  storageRequestsByTarget?: Record<string, number>;
  /** Server RSS at the end of the phase, MB. */
  rssMb: number;
  /**
   * Microseconds of CPU the storage emulator (Azurite, shared by every client) spent per accepted event, when the
   * bench could read its process.
   */
  emulatorCpuUsPerEvent?: number;
}

const round = (n: number, places: number): number => Math.round(n * 10 ** places) / 10 ** places;

/**
 * The cost of the events accepted between `before` and `after`, over `seconds` of wall time; `emulatorCpuUs` is the
 * storage emulator's CPU over the same span, when it was read.
 */
export function eventCost(
  before: ProcessSample,
  after: ProcessSample,
  events: number,
  seconds: number,
  emulatorCpuUs?: number,
): EventCost {
  const cpuUs = after.cpu.user - before.cpu.user + (after.cpu.system - before.cpu.system);
  const per = (n: number): number => (events > 0 ? n / events : NaN);
  const cost: EventCost = {
    events,
    cpuUsPerEvent: round(per(cpuUs), 1),
    cores: seconds > 0 ? round(cpuUs / 1e6 / seconds, 2) : NaN,
    rssMb: round(after.rssBytes / 2 ** 20, 1),
  };
  if (emulatorCpuUs !== undefined) cost.emulatorCpuUsPerEvent = round(per(emulatorCpuUs), 1);
  if (before.storage && after.storage) {
    cost.storageRequestsPerEvent = round(per(after.storage.requests - before.storage.requests), 2);
    cost.storageBytesPerEvent = Math.round(per(after.storage.bodyBytes - before.storage.bodyBytes));
    const was = before.storage.byTarget;
    const targets = Object.entries(after.storage.byTarget).map(([target, n]): [string, number] => [
      target,
      round(per(n - (was[target] ?? 0)), 3),
    ]);
    cost.storageRequestsByTarget = Object.fromEntries(targets.filter(([, n]) => n > 0.005).sort((a, b) => b[1] - a[1]));
  }
  return cost;
}

/**
 * Several runs' costs as one (the runs of D, or of Chaperone, at one connection count): events summed, the rest
 * weighted by events.
 */
export function meanCost(costs: EventCost[]): EventCost {
  const events = costs.reduce((sum, c) => sum + c.events, 0);
  const weighted = (pick: (c: EventCost) => number | undefined): number | undefined => {
    if (costs.some((c) => pick(c) === undefined)) return undefined;
    return costs.reduce((sum, c) => sum + (pick(c) ?? 0) * c.events, 0) / events;
  };
  const requests = weighted((c) => c.storageRequestsPerEvent);
  const bytes = weighted((c) => c.storageBytesPerEvent);
  const emulator = weighted((c) => c.emulatorCpuUsPerEvent);
  const targets = [...new Set(costs.flatMap((c) => Object.keys(c.storageRequestsByTarget ?? {})))];
  const byTarget = Object.fromEntries(
    targets
      .map((target): [string, number] => [
        target,
        round(costs.reduce((sum, c) => sum + (c.storageRequestsByTarget?.[target] ?? 0) * c.events, 0) / events, 3),
      ])
      .sort((a, b) => b[1] - a[1]),
  );
  return {
    events,
    cpuUsPerEvent: round(weighted((c) => c.cpuUsPerEvent) ?? NaN, 1),
    cores: round(costs.reduce((sum, c) => sum + c.cores, 0) / costs.length, 2),
    rssMb: Math.max(...costs.map((c) => c.rssMb)),
    ...(requests === undefined ? {} : { storageRequestsPerEvent: round(requests, 2) }),
    ...(bytes === undefined ? {} : { storageBytesPerEvent: Math.round(bytes) }),
    ...(emulator === undefined ? {} : { emulatorCpuUsPerEvent: round(emulator, 1) }),
    ...(targets.length === 0 ? {} : { storageRequestsByTarget: byTarget }),
  };
}

/** `value / anchor` to two places, or undefined when either is missing or the anchor is zero. */
export function ratio(value: number | undefined, anchor: number | undefined): number | undefined {
  if (
    value === undefined ||
    anchor === undefined ||
    !Number.isFinite(value) ||
    !Number.isFinite(anchor) ||
    anchor === 0
  )
    return undefined;
  return round(value / anchor, 2);
}
