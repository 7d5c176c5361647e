import type { Activity } from 'botbuilder';
import type { Logger } from '../app/ports.js';

/**
 * Refused tenants remembered for logging once each; past this many the oldest is forgotten (and may be logged again).
 */
const REMEMBERED_REFUSALS = 1_000;

/** Options for {@link createTenantGate}. */
export interface TenantGateOptions {
  /** `config.auth.allowedTenants`: the school's tenant and any further tenants, lower case. */
  allowedTenants: readonly string[];
  /** `config.production`: real credentials are configured. */
  production: boolean;
  logger: Logger;
}

/** Decides whether the bot takes an activity at all, from the tenant it comes from. */
export interface TenantGate {
  /** True when the activity may be processed; a refusal is logged once per tenant (the tenant id only). */
  admits(activity: Partial<Activity>): boolean;
}

/**
 * The tenant ids an activity names: `channelData.tenant.id` (Teams' own) and `conversation.tenantId` (cut to a GUID's
 * length and more, for logs).
 */
function tenantsNamedBy(activity: Partial<Activity>): string[] {
  const fromChannel = (activity.channelData as { tenant?: { id?: unknown } } | undefined)?.tenant?.id;
  const fromConversation = activity.conversation?.tenantId;
  return [fromChannel, fromConversation]
    .filter((t): t is string => typeof t === 'string' && t.length > 0)
    .map((t) => t.slice(0, 64).toLowerCase());
}

/**
 * Keeps tenants apart at the bot's edge: an activity is taken only when every tenant it names is
 * one of the school's configured tenants (`AAD_APP_TENANT_ID` plus `AAD_APP_ALLOWED_TENANTS`), so
 * another organisation's meeting is never stored and never alerts anyone; an activity naming no
 * tenant is refused too. With no tenants configured in local mode (no `BOT_ID`, not production)
 * every tenant is taken, so the simulator works with nothing set up. In production with no
 * tenants configured it throws: the service must not start accepting any organisation's meetings.
 */
export function createTenantGate(options: TenantGateOptions): TenantGate {
  const allowed = new Set(options.allowedTenants.map((t) => t.toLowerCase()));
  if (allowed.size === 0) {
    if (options.production) {
      throw new Error(
        "Chaperone cannot start: set AAD_APP_TENANT_ID to the school's tenant id (and AAD_APP_ALLOWED_TENANTS for any " +
          "further schools) so the bot takes lessons from the school's own Teams only.",
      );
    }
    return { admits: () => true };
  }
  const refused = new Set<string>();
  return {
    admits(activity) {
      const named = tenantsNamedBy(activity);
      const outsider = named.length === 0 ? '(none)' : named.find((t) => !allowed.has(t));
      if (outsider === undefined) return true;
      if (!refused.has(outsider)) {
        if (refused.size >= REMEMBERED_REFUSALS) refused.delete(refused.values().next().value as string);
        refused.add(outsider);
        const message = 'activity from a tenant this service does not serve refused (logged once per tenant)';
        options.logger.warn({ tenantId: outsider, activityType: activity.type }, message);
      }
      return false;
    },
  };
}
