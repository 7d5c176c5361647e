/**
 * Chaperone as the bench runs it: the real service (`startService`: restify, CloudAdapter,
 * Table Storage, rules, timers) in this process, with the tab API checking tokens from a local
 * issuer, and a fake Bot Connector taking whatever the bot sends back.
 */
import { loadConfig } from '../bot/src/config.js';
import type { Logger } from '../bot/src/app/ports.js';
import { policyFromPreset } from '../bot/src/domain/policy/presets.js';
import { tabApiRoutes } from '../bot/src/http/tabApiRoutes.js';
import { startService, type RunningService } from '../bot/src/service.js';
import { startFakeConnector, type RunningFakeConnector } from '../tests/support/fakeConnector.js';
import { startTokenIssuer, type TestTokenIssuer } from '../tests/support/tokenIssuer.js';
import { BENCH_STAFF, BENCH_TENANT } from './lessonTraffic.js';

/** A running Chaperone with what the bench needs to drive it. */
export interface BenchService {
  service: RunningService;
  connector: RunningFakeConnector;
  issuer: TestTokenIssuer;
  /** A valid SSO token for the bench school's teacher. */
  teacherToken(): Promise<string>;
  stop(): Promise<void>;
}

// The bench measures throughput, not logging; errors still surface through the failure counts.
const quiet: Logger = { debug: () => {}, info: () => {}, warn: () => {}, error: () => {}, child: () => quiet };

/** Starts Chaperone on 127.0.0.1 over the given Table Storage, with its own tables. */
export async function startBenchService(connectionString: string): Promise<BenchService> {
  const connector = await startFakeConnector();
  const issuer = await startTokenIssuer();
  const service = await startService({
    config: loadConfig({ PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'silent', AAD_APP_CLIENT_ID: issuer.clientId, AAD_APP_TENANT_ID: BENCH_TENANT, AUTH_JWKS_URI: issuer.jwksUri }),
    storage: { connectionString, tablePrefix: `bench${Date.now().toString(36)}` },
    policy: policyFromPreset('strict'),
    staffList: { staff: BENCH_STAFF.map((s) => s.aadObjectId), dsl: [] },
    logger: quiet,
    // The same tab API composition as production (snapshot cache, config-driven token checks).
    extraRoutes: [tabApiRoutes],
  });
  const teacher = BENCH_STAFF[0]!;
  return {
    service,
    connector,
    issuer,
    teacherToken: () => issuer.mint({ tenantId: BENCH_TENANT, aadObjectId: teacher.aadObjectId, name: teacher.name }),
    async stop() {
      await service.stop();
      await connector.stop();
      await issuer.close();
    },
  };
}
