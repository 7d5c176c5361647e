/**
 * Local mode only: the meeting simulator at `/dev`, the fake Bot Connector it points the bot at,
 * the simulated Teams host for the side panel and the dev sign-in that host uses. `index.ts`
 * imports this module only when no real credentials are configured; called with a production
 * configuration it refuses to mount anything.
 */
import type { AddressInfo } from 'node:net';
import type { Server } from 'restify';
import { LOCAL_AUTH } from '../runtime/localAuth.js';
import type { ServiceCore } from '../compose/serviceCore.js';
import type { TeamsActivity } from './activities.js';
import { FakeConnectorCore } from './connector/fakeConnector.js';
import { CONNECTOR_PATH, mountFakeConnector } from './connector/connectorRoutes.js';
import { createDevTokenSigner, devJwksRoute } from './devTokens.js';
import { registerSimPage } from './page/pageRoutes.js';
import { loadSimSchool, SAMPLE_SCHOOL_FILE, type SimSchool } from './school.js';
import { isSimClock } from './simClock.js';
import { lessonFromState } from './simulator/lessons.js';
import { registerSimRoutes } from './simulator/simRoutes.js';
import { Simulator, type Delivery } from './simulator/simulator.js';
import { pickableStaff } from './teamsHost/pickablePeople.js';
import { registerTeamsHostRoutes } from './teamsHost/routes.js';

/** Thrown when something tries to mount the simulator in a process with real credentials. */
export class DevRoutesRefused extends Error {
  override name = 'DevRoutesRefused';
  constructor() {
    super(
      'The simulator and dev sign-in exist only in local mode; this process has real credentials (BOT_ID or NODE_ENV=production), so they were not started.',
    );
  }
}

/** Mounts everything under `/dev` on the service. The `extraRoutes` entry `index.ts` adds in local mode. */
export async function devRoutes(server: Server, core: ServiceCore): Promise<void> {
  if (core.config.production) throw new DevRoutesRefused();
  const school = loadSimSchool(core.config.directory.staffFile ?? SAMPLE_SCHOOL_FILE);
  const connector = new FakeConnectorCore({ now: () => core.clock.now(), member: (id) => memberOf(school, id) });
  mountFakeConnector(server, connector);

  const signer = await createDevTokenSigner({
    clientId: core.config.auth.clientId ?? LOCAL_AUTH.clientId,
    authorityHost: core.config.auth.authorityHost,
  });
  devJwksRoute(server, signer);
  registerTeamsHostRoutes(server, { signer, tenantId: school.tenantId, people: pickableStaff(school) });

  const origin = (): string => localOrigin(server);
  const simulator = new Simulator({
    school,
    clock: core.clock,
    connector,
    serviceUrl: () => `${origin()}${CONNECTOR_PATH}/`,
    deliver: (activity) => deliver(`${origin()}/api/messages`, activity),
  });
  await recoverLessons(core, school, simulator, connector);
  registerSimRoutes(server, {
    simulator,
    connector,
    school,
    clock: core.clock,
    policy: core.policyFor(school.tenantId),
    tick: () => core.tick(),
    readLesson: (meetingId) => core.readMeeting({ tenantId: school.tenantId, meetingId }),
  });
  registerSimPage(server);
  core.logger.info({ path: '/dev', people: school.people.length }, 'meeting simulator mounted (local mode)');
}

/** The service's own address as the bot can reach it (the simulator posts to it and the bot replies to it). */
function localOrigin(server: Server): string {
  const address = server.address() as AddressInfo | null;
  if (!address) throw new Error('The service is not listening yet.');
  const host = ['0.0.0.0', '::', ''].includes(address.address)
    ? '127.0.0.1'
    : address.family === 'IPv6'
      ? `[${address.address}]`
      : address.address;
  return `http://${host}:${address.port}`;
}

async function deliver(url: string, activity: TeamsActivity): Promise<Delivery> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(activity),
    signal: AbortSignal.timeout(30_000),
  });
  const text = await response.text();
  let body: unknown = undefined;
  try {
    body = text ? (JSON.parse(text) as unknown) : undefined;
  } catch {
    body = text;
  }
  return { status: response.status, body };
}

function memberOf(school: SimSchool, id: string): { id: string; name: string; aadObjectId?: string } | undefined {
  const person = school.people.find((p) => p.teamsId === id || p.aadObjectId === id);
  return person ? { id: person.teamsId, name: person.name, aadObjectId: person.aadObjectId } : undefined;
}

/**
 * After a restart (data kept under `.data/`), shows the lessons the service already knows and puts
 * the simulated clock back past their newest event, so time never runs backwards for a lesson.
 */
async function recoverLessons(
  core: ServiceCore,
  school: SimSchool,
  simulator: Simulator,
  connector: FakeConnectorCore,
): Promise<void> {
  const states = await core.meetings.listMeetings(school.tenantId, { limit: 20 }).catch(() => []);
  for (const state of [...states].reverse()) {
    const lesson = lessonFromState(state);
    if (!lesson) continue;
    simulator.lessons.set(lesson.meetingId, lesson);
    connector.setMeetingInfo(lesson.meetingId, { type: lesson.kind, title: lesson.title, tenantId: school.tenantId });
    for (const person of school.people) {
      if (state.people[person.aadObjectId])
        connector.setParticipant(lesson.meetingId, person.teamsId, {
          inMeeting: (lesson.devices[person.aadObjectId] ?? 0) > 0,
          name: person.name,
          aadObjectId: person.aadObjectId,
          tenantId: school.tenantId,
        });
    }
    if (isSimClock(core.clock) && state.lastEventAt !== undefined) core.clock.catchUpTo(state.lastEventAt + 1);
  }
}
