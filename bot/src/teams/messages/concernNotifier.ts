/**
 * `ConcernNotifier` on Teams: a proactive 1:1 card to each DSL and short updates to the
 * reporter, all through the proactive messenger. Previews never carry a pupil name or the text.
 */
import type { Activity } from 'botbuilder';
import type { ConcernNotifier } from '../../app/concerns/ports.js';
import type { Logger } from '../../app/ports.js';
import type { Policy } from '../../domain/policy/schema.js';
import { dslConcernAlert, reporterUpdateActivity } from '../cards/concernCards.js';
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
    async alertDsls(concern, dsls) {
      const { school } = await deps.policyFor(concern.tenantId);
      const activity = dslConcernAlert(concern, school.timeZone) as Partial<Activity>;
      // Every DSL at once; one unreachable DSL must not hold up the others.
      const results = await Promise.allSettled(dsls.map((dsl) => deps.messenger.sendToUser(concern.tenantId, dsl.aadObjectId, activity)));
      const unreached = dsls.filter((_, i) => results[i]?.status === 'rejected').map((dsl) => dsl.aadObjectId);
      if (unreached.length) deps.logger.warn({ ref: concern.ref, unreached: unreached.length }, 'some DSLs could not be alerted');
      return { unreached };
    },
    async updateReporter(concern, update) {
      const { school } = await deps.policyFor(concern.tenantId);
      await deps.messenger.sendToUser(concern.tenantId, concern.reporter.aadObjectId, reporterUpdateActivity(concern, update, school.timeZone) as Partial<Activity>);
    },
  };
}
