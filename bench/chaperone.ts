/**
 * What the bench plays around Chaperone, in the bench process: the Bot Connector it replies to and
 * the identity provider that signs teacher tokens. Chaperone itself runs in a child process
 * (`serverProcess.ts`), with fresh tables each time, like the anchors.
 */
import { startFakeConnector, type RunningFakeConnector } from '../tests/support/fakeConnector.js';
import { startTokenIssuer, type TestTokenIssuer } from '../tests/support/tokenIssuer.js';
import { BENCH_DSL, BENCH_STAFF, BENCH_TENANT } from './lessonTraffic.js';
import type { ServerSpec } from './spawnServer.js';

/** The fake Teams around every Chaperone the bench starts. */
export interface ChaperoneWorld {
  connector: RunningFakeConnector;
  issuer: TestTokenIssuer;
  /** A valid SSO token for the bench school's teacher. */
  teacherToken(): Promise<string>;
  /** A valid SSO token for the bench school's DSL (the school view's reader). */
  dslToken(): Promise<string>;
  /** How to start one Chaperone over `connectionString` with tables no other phase uses. */
  chaperone(connectionString: string): ServerSpec;
  stop(): Promise<void>;
}

let started = 0;

/** Starts the fake connector and token issuer on 127.0.0.1. */
export async function startChaperoneWorld(): Promise<ChaperoneWorld> {
  const connector = await startFakeConnector();
  const issuer = await startTokenIssuer();
  const teacher = BENCH_STAFF[0]!;
  return {
    connector,
    issuer,
    teacherToken: () => issuer.mint({ tenantId: BENCH_TENANT, aadObjectId: teacher.aadObjectId, name: teacher.name }),
    dslToken: () => issuer.mint({ tenantId: BENCH_TENANT, aadObjectId: BENCH_DSL.aadObjectId, name: BENCH_DSL.name }),
    chaperone: (connectionString) => ({
      kind: 'chaperone',
      connectionString,
      tablePrefix: `bench${Date.now().toString(36)}${started++}`,
      clientId: issuer.clientId,
      jwksUri: issuer.jwksUri,
    }),
    async stop() {
      await connector.stop();
      await issuer.close();
    },
  };
}
