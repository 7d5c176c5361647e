import type { AddressInfo } from 'node:net';
import { TableClient } from '@azure/data-tables';
import type restify from 'restify';
import { createApplyMeetingEvent, type ApplyMeetingEvent } from '../../bot/src/app/applyMeetingEvent.js';
import { SchoolDirectory } from '../../bot/src/app/directory/schoolDirectory.js';
import { OutageBuffer } from '../../bot/src/app/outageBuffer.js';
import type { Clock, Logger, MeetingKey } from '../../bot/src/app/ports.js';
import { RecordCache } from '../../bot/src/app/recordCache.js';
import { createDevTokenSigner, devJwksRoute, DEV_JWKS_PATH, type DevTokenSigner } from '../../bot/src/dev/devTokens.js';
import { registerTeamsHostRoutes } from '../../bot/src/dev/teamsHost/routes.js';
import type { Participant } from '../../bot/src/domain/types.js';
import { policyFromPreset } from '../../bot/src/domain/policy/presets.js';
import { createSsoVerifier } from '../../bot/src/http/auth/ssoVerifier.js';
import { createHttpServer } from '../../bot/src/http/server.js';
import { registerTabApi } from '../../bot/src/http/tabApi/index.js';
import { isUnavailable } from '../../bot/src/storage/errors.js';
import { TableMeetingStore } from '../../bot/src/storage/tableMeetingStore.js';
import { TableTimerStore } from '../../bot/src/storage/tableTimerStore.js';
import { sharedAzurite, uniqueTableName } from './azurite.js';
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

/** A logger that keeps its lines, so tests can check nothing personal or secret was logged. */
export function recordingLogger(lines: Array<{ level: string; obj: object; msg?: string }> = []): Logger {
  const log = (level: string) => (obj: object, msg?: string) => void lines.push({ level, obj, msg });
  const logger: Logger = { debug: log('debug'), info: log('info'), warn: log('warn'), error: log('error'), child: () => logger };
  return logger;
}

/** The real service stack on 127.0.0.1 over Azurite, with a local token issuer. */
export interface TabTestServer {
  base: string;
  server: restify.Server;
  applyEvent: ApplyMeetingEvent;
  meetings: TableMeetingStore;
  logLines: Array<{ level: string; obj: object; msg?: string }>;
  /** A token for a person of the school (or any tenant), as Teams SSO would give. */
  token(person: { id: string; name: string }, tenantId?: string): Promise<string>;
  /** The API tests' issuer (its own JWKS server), when started with `issuer: 'test'`. */
  issuer?: TestTokenIssuer;
  close(): Promise<void>;
}

/** Options for {@link startTabTestServer}. */
export interface TabTestServerOptions {
  /** `test`: the test issuer with its own JWKS server; `dev`: the service's own dev signer (browser tests). */
  issuer: 'test' | 'dev';
  /** Serve the built tab and the fake Teams host page. */
  tabDir?: string;
  clock?: Clock;
}

/** Starts the server with real storage, directory, use case and token checks. */
export async function startTabTestServer(options: TabTestServerOptions): Promise<TabTestServer> {
  const clock = options.clock ?? { now: () => Date.now() };
  const logLines: TabTestServer['logLines'] = [];
  const logger = recordingLogger(logLines);
  const azurite = await sharedAzurite();
  const table = async (prefix: string) => {
    const client = TableClient.fromConnectionString(azurite.connectionString, uniqueTableName(prefix), { allowInsecureConnection: true });
    await client.createTable();
    return client;
  };
  const meetings = new TableMeetingStore(await table('meetings'), logger);
  const timers = new TableTimerStore(await table('timers'), { now: clock.now });
  const policyFor = () => policyFromPreset('strict');
  const applyEvent = createApplyMeetingEvent({
    meetings, timers, policyFor, clock, logger,
    cache: new RecordCache(),
    buffer: new OutageBuffer({ isOutage: isUnavailable, logger, now: clock.now }),
  });
  const staff = [PEOPLE.teacherA.id, PEOPLE.teacherB.id];
  const directory = new SchoolDirectory({ staffList: { staff, dsl: [] }, policyFor, now: clock.now });

  const server = createHttpServer({ logger, health: () => ({ status: 'ok', checks: {} }), tabDir: options.tabDir });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  let issuer: TestTokenIssuer | undefined;
  let signer: DevTokenSigner;
  let jwksUri: string;
  if (options.issuer === 'test') {
    issuer = await startTokenIssuer();
    jwksUri = issuer.jwksUri;
    signer = await createDevTokenSigner({ clientId: issuer.clientId });
  } else {
    signer = await createDevTokenSigner({ clientId: DEV_CLIENT_ID });
    devJwksRoute(server, signer);
    jwksUri = `${base}${DEV_JWKS_PATH}`;
  }
  const clientId = issuer?.clientId ?? DEV_CLIENT_ID;
  const verifier = createSsoVerifier({ clientId, allowedTenants: [SCHOOL_TENANT, OTHER_TENANT], jwksUri });
  registerTabApi(server, { meetings, directory, applyEvent, policyFor, clock, logger, verifier });
  if (options.tabDir) registerTeamsHostRoutes(server, { signer, tenantId: SCHOOL_TENANT });

  return {
    base, server, applyEvent, meetings, logLines, issuer,
    token: (person, tenantId = SCHOOL_TENANT) => (issuer ?? signer).mint({ tenantId, aadObjectId: person.id, name: person.name }),
    close: async () => {
      server.close();
      await issuer?.close();
    },
  };
}

const DEV_CLIENT_ID = '00000000-0000-4000-8000-00000000c1d0';

/** A lesson key in the test school. */
export function lessonKey(meetingId: string, tenantId = SCHOOL_TENANT): MeetingKey {
  return { tenantId, meetingId };
}
