/**
 * Which lesson events the service acknowledged, kept by the bench as autocannon sends them, and the
 * comparison with what storage holds afterwards: an event answered 2xx that storage does not hold is
 * a lost update. Redeliveries share their event id, so each event counts once however often it was sent.
 */
import type { AutocannonRequest } from 'autocannon';
import type { TrafficActivity } from './lessonTraffic.js';

// Keys of a connection's autocannon context: what its request in flight carries, and where it went.
const SENT = 'ledgerActivity';
const TO = 'ledgerPort';

/** Acknowledged events by id, and acknowledgements by the port of the instance that gave them. */
export class UpdateLedger {
  private readonly acknowledged = new Map<string, string>();
  private readonly byPort = new Map<string, number>();

  /** For lessonTraffic's `request`: notes on the connection what its next request carries and where it goes. */
  readonly sending = (
    activity: TrafficActivity,
    request: AutocannonRequest,
    context: Record<string, unknown>,
  ): void => {
    context[SENT] = activity;
    context[TO] = String(request.port ?? '');
  };

  /** For the phase's `onResponse`: a 2xx acknowledges the event the connection's request carried. */
  readonly answered = (status: number, context: Record<string, unknown>): void => {
    const activity = context[SENT] as TrafficActivity | undefined;
    if (!activity || status < 200 || status > 299) return;
    this.acknowledged.set(activity.eventId, activity.meetingId);
    const port = String(context[TO]);
    this.byPort.set(port, (this.byPort.get(port) ?? 0) + 1);
  };

  /** Ids of the distinct events acknowledged so far. */
  eventIds(): string[] {
    return [...this.acknowledged.keys()];
  }

  /** 2xx responses so far from the instance listening on `port` (redeliveries included). */
  answersFrom(port: string): number {
    return this.byPort.get(port) ?? 0;
  }
}

/** What storage holds against what the service acknowledged. */
export interface StoredCheck {
  /** Distinct events answered 2xx. */
  acknowledged: number;
  /** Distinct events storage holds. */
  stored: number;
  /** Acknowledged events storage does not hold: must be 0. */
  lost: number;
  /** Events a lesson's history holds more than once (a redelivery applied twice): must be 0. */
  storedTwice: number;
  /** Events stored without a 2xx (the request failed or timed out after the write): allowed, Teams redelivers. */
  unacknowledged: number;
  /** Up to three lost event ids, to look them up. */
  lostExamples: string[];
}

/** Compares acknowledged event ids with each lesson's stored history (event ids in the order the store listed them). */
export function compareStored(acknowledged: Iterable<string>, histories: Iterable<readonly string[]>): StoredCheck {
  const stored = new Set<string>();
  let storedTwice = 0;
  for (const history of histories) {
    for (const id of history) {
      if (stored.has(id)) storedTwice += 1;
      stored.add(id);
    }
  }
  const acked = new Set(acknowledged);
  const lost = [...acked].filter((id) => !stored.has(id));
  return {
    acknowledged: acked.size,
    stored: stored.size,
    lost: lost.length,
    storedTwice,
    unacknowledged: [...stored].filter((id) => !acked.has(id)).length,
    lostExamples: lost.slice(0, 3),
  };
}
