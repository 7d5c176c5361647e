import { strict as assert } from 'node:assert';
import { costResults, costTable } from '../../bench/costReport.js';
import { eventCost, meanCost, ratio, type EventCost, type ProcessSample } from '../../bench/processCost.js';

const sample = (cpuUs: number, requests: number, bodyBytes: number, rssMb = 100): ProcessSample => ({
  type: 'sample',
  id: 1,
  cpu: { user: cpuUs * 0.75, system: cpuUs * 0.25 },
  rssBytes: rssMb * 2 ** 20,
  storage: {
    requests,
    bodyBytes,
    unsizedBodies: 0,
    byTarget: { 'PUT meetings': requests * 0.75, 'PUT timers': requests * 0.25, 'GET idempotency': 1 },
    conflicts: 0,
  },
});

const cost = (cpuUsPerEvent: number, storageBytesPerEvent: number, events = 1000): EventCost => ({
  events,
  cpuUsPerEvent,
  cores: 0.5,
  rssMb: 120,
  storageRequestsPerEvent: 1,
  storageBytesPerEvent,
});

describe('bench/processCost', () => {
  it('divides the CPU (user and system) and storage traffic of a phase by the events accepted in it', () => {
    const c = eventCost(sample(1_000_000, 10, 5_000), sample(3_000_000, 1010, 405_000, 150), 1000, 4);
    assert.deepEqual(c, {
      events: 1000,
      cpuUsPerEvent: 2000,
      cores: 0.5,
      rssMb: 150,
      storageRequestsPerEvent: 1,
      storageBytesPerEvent: 400,
      // By target, busiest first; a target with no new requests in the phase is left out.
      storageRequestsByTarget: { 'PUT meetings': 0.75, 'PUT timers': 0.25 },
    });
  });

  it('leaves storage out for a server that reports none, and gives no figure for a phase without events', () => {
    const { storage: _ignored, ...bare } = sample(0, 0, 0);
    const c = eventCost(bare, { ...bare, cpu: { user: 500, system: 0 } }, 0, 4);
    assert.equal(c.storageBytesPerEvent, undefined);
    assert.ok(Number.isNaN(c.cpuUsPerEvent));
  });

  it('weights the runs of one anchor by their events', () => {
    const m = meanCost([cost(100, 200, 1000), cost(400, 500, 3000)]);
    assert.equal(m.events, 4000);
    assert.equal(m.cpuUsPerEvent, 325);
    assert.equal(m.storageBytesPerEvent, 425);
    assert.equal(m.storageRequestsByTarget, undefined, 'no breakdown when no run had one');
  });

  it('weights the storage requests by target of several runs by their events, a target missing from a run as none', () => {
    const m = meanCost([
      { ...cost(100, 200, 1000), storageRequestsByTarget: { 'PATCH meetings': 1, 'PUT timers': 0.2 } },
      { ...cost(100, 200, 3000), storageRequestsByTarget: { 'PATCH meetings': 0.6 } },
    ]);
    assert.deepEqual(m.storageRequestsByTarget, { 'PATCH meetings': 0.7, 'PUT timers': 0.05 });
    assert.deepEqual(Object.keys(m.storageRequestsByTarget ?? {}), ['PATCH meetings', 'PUT timers'], 'busiest first');
  });

  it("divides the storage emulator's CPU over the phase by its events, and weights it over runs like the rest", () => {
    const c = eventCost(sample(0, 0, 0), sample(2_000_000, 1000, 100_000), 1000, 4, 600_000);
    assert.equal(c.emulatorCpuUsPerEvent, 600);
    assert.equal(eventCost(sample(0, 0, 0), sample(1, 1, 1), 1000, 4).emulatorCpuUsPerEvent, undefined, 'not read');
    const m = meanCost([
      { ...cost(100, 200, 1000), emulatorCpuUsPerEvent: 400 },
      { ...cost(100, 200, 3000), emulatorCpuUsPerEvent: 800 },
    ]);
    assert.equal(m.emulatorCpuUsPerEvent, 700);
    assert.equal(
      meanCost([cost(100, 200), { ...cost(100, 200), emulatorCpuUsPerEvent: 5 }]).emulatorCpuUsPerEvent,
      undefined,
    );
  });

  it('gives no ratio against a missing or zero anchor', () => {
    assert.equal(ratio(3, 2), 1.5);
    assert.equal(ratio(3, 0), undefined);
    assert.equal(ratio(undefined, 2), undefined);
    assert.equal(ratio(3, Number.NaN), undefined);
  });
});

describe('bench/costReport', () => {
  it('reports Chaperone beside D, judges CPU per event by the worse connection count and prints both', () => {
    const c50 = { ...cost(2400, 3300), storageRequestsByTarget: { 'PUT meetings': 0.95, 'PUT timers': 0.29 } };
    const res = costResults({ D10: cost(1000, 150), D50: cost(800, 150), c10: cost(1500, 3000), c50 });
    assert.equal(res.connections10.ratioToD.cpuPerEvent, 1.5);
    assert.equal(res.connections50.ratioToD.cpuPerEvent, 3);
    assert.equal(res.cpuPerEventRatioToD, 3);
    assert.equal(res.cpuPerEventMet, false);
    assert.equal(res.connections10.ratioToD.storageBytesPerEvent, 20);
    const text = costTable(res);
    assert.match(text, /\| server CPU \(user\+system\) \| 1000 us \| 1500 us \| 1\.5x \| 800 us \| 2400 us \| 3x \|/);
    assert.match(text, /\| storage request body bytes \| 150 B \| 3000 B \| 20x \|/);
    assert.match(text, /\| storage emulator CPU \(Azurite\) \| n\/a \| n\/a \| n\/a \|/, 'not read: said so');
    const read = costResults({
      D10: { ...cost(1000, 150), emulatorCpuUsPerEvent: 400 },
      D50: cost(800, 150),
      c10: { ...cost(1500, 3000), emulatorCpuUsPerEvent: 500 },
      c50,
    });
    assert.match(costTable(read), /\| storage emulator CPU \(Azurite\) \| 400 us \| 500 us \| 1\.25x \|/);
    assert.match(text, /target <= 2x: MISSED/);
    assert.match(text, /storage requests per event \(50 conn\): PUT meetings 0\.95, PUT timers 0\.29\./);
  });
});
