/**
 * `ConcernNotifier` on Teams: the concern outbox's send (a proactive 1:1 card to one DSL, failures
 * classified as the connector answered) and short updates to the reporter, all through the
 * proactive messenger. Previews never carry a pupil name or the text.
 */
import type { Activity } from 'botbuilder';
import type { ConcernNotifier } from '../../app/concerns/ports.js';
import type { SentActivity } from '../../app/delivery/delivery.js';
import type { Logger } from '../../app/ports.js';
import type { Policy } from '../../domain/policy/schema.js';
import { dslConcernAlert, reporterUpdateActivity } from '../cards/concernCards.js';
import { connectorFailure } from '../connectorErrors.js';
import type { ProactiveMessenger } from '../proactive.js';

/** What {@link createConcernNotifier} needs. */
export interface ConcernNotifierDeps {
  messenger: Pick<ProactiveMessenger, 'sendToUser'>;
  policyFor(tenantId: string): Policy | Promise<Policy>;
  logger: Logger;
}

/** Builds the notifier used by the concern use cases. */
export function createConcernNotifier(deps: ConcernNotifierDeps): ConcernNotifier {
  return {
    async alertDsl(concern, aadObjectId) {
      const { school } = await deps.policyFor(concern.tenantId);
      return send(() =>
        deps.messenger.sendToUser(
          concern.tenantId,
          aadObjectId,
          dslConcernAlert(concern, school.timeZone) as Partial<Activity>,
        ),
      );
    },
    async updateReporter(concern, update) {
      const { school } = await deps.policyFor(concern.tenantId);
      const activity = reporterUpdateActivity(concern, update, school.timeZone) as Partial<Activity>;
      return send(() => deps.messenger.sendToUser(concern.tenantId, concern.reporter.aadObjectId, activity));
    },
  };
}

/** One proactive send, with the activity id Teams gave it; a failure classified as the connector answered. */
async function send(post: () => Promise<{ id?: string } | undefined>): Promise<SentActivity> {
  try {
    const sent = await post();
    return sent?.id ? { activityId: sent.id } : {};
  } catch (error) {
    throw connectorFailure(error);
  }
}
