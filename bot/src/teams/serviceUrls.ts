/** Teams' global service URL for proactive messages when no activity from the tenant has been seen. */
export const DEFAULT_TEAMS_SERVICE_URL = 'https://smba.trafficmanager.net/teams/';

/**
 * The Bot Connector URL to use per tenant, learned from the tenant's inbound activities (Teams
 * gives each tenant a regional one), so proactive 1:1 messages go to the right region.
 */
export class ServiceUrls {
  private readonly byTenant = new Map<string, string>();

  constructor(private readonly fallback: string = DEFAULT_TEAMS_SERVICE_URL) {}

  /** Records the service URL an activity from `tenantId` arrived with. */
  remember(tenantId: string | undefined, serviceUrl: string | undefined): void {
    if (tenantId && serviceUrl) this.byTenant.set(tenantId, serviceUrl);
  }

  /** The best known service URL for the tenant: learned, else `hint` (e.g. the lesson's own), else the global one. */
  for(tenantId: string, hint?: string): string {
    return this.byTenant.get(tenantId) ?? hint ?? this.fallback;
  }
}
