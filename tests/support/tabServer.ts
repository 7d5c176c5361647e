import { randomBytes } from 'node:crypto';
import type restify from 'restify';
import type { ApplyMeetingEvent } from '../../bot/src/app/lesson/applyMeetingEvent.js';
import type { StaffList } from '../../bot/src/app/directory/schoolDirectory.js';
import type { Clock, Logger, MeetingKey } from '../../bot/src/app/ports.js';
import { startService, type ServiceCore } from '../../bot/src/compose/startService.js';
import { scratchDataDir } from './serviceHarness.js';
import { loadConfig } from '../../bot/src/config.js';
import type { DelegatedTokens } from '../../bot/src/graph/delegated/delegatedTokens.js';
import { createDevTokenSigner, devJwksRoute, DEV_JWKS_PATH, type DevTokenSigner } from '../../bot/src/dev/devTokens.js';
import type { PickablePerson } from '../../bot/src/dev/teamsHost/pickablePeople.js';
import { registerTeamsHostRoutes } from '../../bot/src/dev/teamsHost/routes.js';
import type { Participant } from '../../bot/src/domain/types.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import type { Policy } from '../../bot/src/domain/policy/schema.js';
import { freePort } from '../../bot/src/storage/localAzurite.js';
import { sharedAzurite } from './azurite.js';
import { startTokenIssuer, type TestTokenIssuer } from './tokenIssuer.js';

/** The school's tenant in tests. */
export const SCHOOL_TENANT = '0f0e0d0c-0000-4000-8000-00000000a001';
/** Another school, with its own lessons. */
export const OTHER_TENANT = '0f0e0d0c-0000-4000-8000-00000000b002';

/** People of the test school: two teachers and two pupils (fake ids and names). */
export const PEOPLE = {
  teacherA: { id: 'aaaaaaaa-0000-4000-8000-000000000001', teamsId: '29:teacher-a', name: 'Ms Adams', role: 'staff' },
  teacherB: { id: 'aaaaaaaa-0000-4000-8000-000000000002', teamsId: '29:teacher-b', name: 'Mr Brown', role: 'staff' },
  pupil1: { id: 'bbbbbbbb-0000-4000-8000-000000000001', teamsId: '29:pupil-1', name: 'Pupil One', role: 'pupil' },
  pupil2: { id: 'bbbbbbbb-0000-4000-8000-000000000002', teamsId: '29:pupil-2', name: 'Pupil Two', role: 'pupil' },
} satisfies Record<string, Participant>;

/** The test school's safeguarding team, and another school's DSL (fake ids and names), for school-view tests. */
export const TEAM: Record<'dsl' | 'deputy' | 'slt' | 'otherDsl', { id: string; name: string }> = {
  dsl: { id: 'dddddddd-0000-4000-8000-0000000000d1', name: 'Mrs Fletcher' },
  deputy: { id: 'dddddddd-0000-4000-8000-0000000000d2', name: 'Mr Deputy' },
  slt: { id: 'dddddddd-0000-4000-8000-0000000000d3', name: 'Ms Head' },
  otherDsl: { id: 'dddddddd-0000-4000-8000-0000000000d4', name: 'Other DSL' },
};

/** The staff file of school-view tests: both teachers and the team, and another school with its own DSL. */
export function teamStaffList(): StaffList {
  const { dsl, deputy, slt, otherDsl } = TEAM;
  return {
    staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id, dsl.id, deputy.id, slt.id],
    dsl: [dsl.id],
    deputies: [deputy.id],
    slt: [slt.id],
    names: { [dsl.id]: dsl.name },
    tenants: { [OTHER_TENANT]: { staff: [PEOPLE.teacherA.id, otherDsl.id], dsl: [otherDsl.id] } },
  };
}

/** A logger that keeps its lines, so tests can check nothing personal or secret was logged. */
export function recordingLogger(lines: Array<{ level: string; obj: object; msg?: string }> = []): Logger {
  const log = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const logger: Logger = {
    debug: log('debug'),
    info: log('info'),
    warn: log('warn'),
    error: log('error'),
    child: () => logger,
  };
  return logger;
}

/** The real service (the production composition root) on 127.0.0.1 over Azurite, with a local token issuer. */
export interface TabTestServer {
  base: string;
  server: restify.Server;
  /** The service's one lesson path (what Teams events and side-panel writes go through). */
  applyEvent: ApplyMeetingEvent;
  meetings: ServiceCore['meetings'];
  core: ServiceCore;
  logLines: Array<{ level: string; obj: object; msg?: string }>;
  /** A token for a person of the school (or any tenant), as Teams SSO would give. */
  token(person: { id: string; name: string }, tenantId?: string): Promise<string>;
  /** The API tests' issuer (its own JWKS server), when started with `issuer: 'test'`. */
  issuer?: TestTokenIssuer;
  close(): Promise<void>;
}

/** Options for {@link startTabTestServer}. */
export interface TabTestServerOptions {
  /**
   * `test`: the test issuer with its own JWKS server; `dev`: a dev signer whose keys the service itself serves (browser
   * tests).
   */
  issuer: 'test' | 'dev';
  /** Serve the built tab and the fake Teams host page. */
  tabDir?: string;
  clock?: Clock;
  /** Default: the two teachers as staff, no DSL. */
  staffList?: StaffList;
  /** Table Storage to use (default: the shared Azurite), e.g. through a link a test can cut. */
  connectionString?: string;
  /** Further settings, e.g. `GRAPH_BASE_URL` at a fake Graph. */
  env?: Record<string, string>;
  /** Default: the strict preset. */
  policy?: Policy;
  /** The on-behalf-of exchange booking uses (the service's own option); default: from configuration. */
  delegatedTokens?: DelegatedTokens;
  /** Whom the fake Teams host's people picker offers (with `tabDir`); default nobody. */
  hostPeople?: PickablePerson[];
}

/** Starts the service through its composition root, with the school's two teachers on the staff list. */
export async function startTabTestServer(options: TabTestServerOptions): Promise<TabTestServer> {
  const clock = options.clock ?? { now: () => Date.now() };
  const logLines: TabTestServer['logLines'] = [];
  const logger = recordingLogger(logLines);
  const azurite = await sharedAzurite();
  const port = await freePort();
  const issuer = options.issuer === 'test' ? await startTokenIssuer() : undefined;
  const clientId = issuer?.clientId ?? DEV_CLIENT_ID;
  const signer: DevTokenSigner = await createDevTokenSigner({ clientId });
  const jwksUri = issuer?.jwksUri ?? `http://127.0.0.1:${port}${DEV_JWKS_PATH}`;
  const config = loadConfig({
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DATA_DIR: scratchDataDir(),
    AAD_APP_CLIENT_ID: clientId,
    AAD_APP_TENANT_ID: SCHOOL_TENANT,
    AAD_APP_ALLOWED_TENANTS: `${SCHOOL_TENANT},${OTHER_TENANT}`,
    AUTH_JWKS_URI: jwksUri,
    ...options.env,
  });
  const service = await startService({
    config,
    storage: {
      connectionString: options.connectionString ?? azurite.connectionString,
      tablePrefix: `tab${randomBytes(4).toString('hex')}`,
    },
    policy: options.policy ?? policyFromPreset('strict'),
    // Ms A teaches in both schools of the trust: staff in each, under each school's own list.
    staffList: options.staffList ?? {
      staff: [PEOPLE.teacherA.id, PEOPLE.teacherB.id],
      dsl: [],
      tenants: { [OTHER_TENANT]: { staff: [PEOPLE.teacherA.id], dsl: [] } },
    },
    logger,
    clock,
    sweep: false,
    ...(options.delegatedTokens ? { delegatedTokens: options.delegatedTokens } : {}),
  });
  if (!issuer) devJwksRoute(service.server, signer);
  if (options.tabDir)
    registerTeamsHostRoutes(service.server, { signer, tenantId: SCHOOL_TENANT, people: options.hostPeople ?? [] });
  return {
    base: service.url,
    server: service.server,
    applyEvent: service.core.recordLessonEvent,
    meetings: service.core.meetings,
    core: service.core,
    logLines,
    issuer,
    token: (person, tenantId = SCHOOL_TENANT) =>
      (issuer ?? signer).mint({ tenantId, aadObjectId: person.id, name: person.name }),
    close: async () => {
      await service.stop();
      await issuer?.close();
    },
  };
}

const DEV_CLIENT_ID = '00000000-0000-4000-8000-00000000c1d0';

/** A lesson key in the test school. */
export function lessonKey(meetingId: string, tenantId = SCHOOL_TENANT): MeetingKey {
  return { tenantId, meetingId };
}
