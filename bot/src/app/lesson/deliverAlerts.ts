import type { Finding } from '../../domain/types.js';
import type { LessonDeliveries } from '../delivery/lessonDeliveries.js';
import { planLessonDeliveries } from '../delivery/planLessonDeliveries.js';
import type { Clock, MeetingKey } from '../ports.js';

/** Delivers findings found outside the lesson's rules (e.g. the invitee check) through the lesson's outbox. */
export type DeliverAlerts = (key: MeetingKey, started: Finding[]) => Promise<void>;

/** Dependencies of {@link createAlertDelivery}. */
export interface AlertDeliveryDeps {
  deliveries: Pick<LessonDeliveries, 'enqueue'>;
  dslsFor(tenantId: string): Promise<ReadonlyArray<{ aadObjectId: string }>>;
  clock: Clock;
}

/**
 * Queues one-off findings for the people their audience names. They are not in the alert book, so
 * no "resolved" is ever owed for them: each raise is closed as it is queued.
 */
export function createAlertDelivery(deps: AlertDeliveryDeps): DeliverAlerts {
  return async (key, started) => {
    const dsls = await deps.dslsFor(key.tenantId);
    await deps.deliveries.enqueue(key, (record) => {
      const now = deps.clock.now();
      const book = Object.fromEntries(
        started.map((finding) => [finding.key, { finding, firstSeenAt: now, raisedAt: now }]),
      );
      const planned = planLessonDeliveries([], book, started, { key, state: record.state, dsls, now });
      return planned.map((d) => ({ ...d, closed: true }));
    });
  };
}
