/** The two-instance part of the bench report: combined rate beside one instance, and whether any update was lost. */
import { fig, r2 } from './figures.js';
import type { Measurement } from './load.js';
import { TWO_INSTANCE_CONNECTIONS, type TwoInstanceMeasurements } from './twoInstances.js';

/** The `twoInstances` section of `bench/results.json`; `oneInstance` is Chaperone alone at the same connections. */
export function twoInstanceResults(t: TwoInstanceMeasurements, oneInstance: Measurement) {
  return {
    instances: t.costs.length,
    connections: TWO_INSTANCE_CONNECTIONS,
    ...fig(t.m),
    /** Requests sent in the measured part, and how many were answered (all, unless the run was cut off). */
    requests: t.requests,
    answered: t.m.total,
    ratioToOneInstance: r2(t.m.perSecond / oneInstance.perSecond),
    /** Each instance's CPU per event it acknowledged, and its share of a core over the phase. */
    cpuUsPerEvent: t.costs.map((c) => c.cpuUsPerEvent),
    cores: t.costs.map((c) => c.cores),
    storageRequestsPerEvent: t.costs.map((c) => c.storageRequestsPerEvent),
    /** Writes refused (412/409) because the other instance had just written the row, in the measured part. */
    conflicts: t.conflicts,
    conflictsPerEvent: r2(t.conflicts / Math.max(1, t.m.perSecond * t.m.seconds)),
    /** Warm-up and measured part together: distinct events answered 2xx, stored, and the difference. */
    eventsAcknowledged: t.check.acknowledged,
    eventsStored: t.check.stored,
    lost: t.check.lost,
    storedTwice: t.check.storedTwice,
    storedWithoutAcknowledgement: t.check.unacknowledged,
    redeliveriesSent: t.redeliveries,
  };
}

/** The target that holds whatever the machine: no acknowledged event missing, none applied twice. */
export function noLostUpdates(res: ReturnType<typeof twoInstanceResults>) {
  return { target: 'lost = 0, stored twice = 0', met: res.lost === 0 && res.storedTwice === 0 };
}

/** The ratio column of the two-instance row in the printed table. */
export function twoInstanceRatio(res: ReturnType<typeof twoInstanceResults>): string {
  return (
    `${res.ratioToOneInstance}x one instance, lost ${res.lost} of ${res.eventsAcknowledged}, ` +
    `${res.conflicts} conflicts, CPU ${res.cpuUsPerEvent.join(' / ')} us per event`
  );
}
