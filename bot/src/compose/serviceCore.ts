/**
 * The composed service as the rest of the process sees it: its options, the parts routes and tests
 * may use (never the raw apply step: every lesson event goes through `recordLessonEvent`), and a
 * running instance.
 */
import type { ApplyMeetingEvent } from '../app/lesson/applyMeetingEvent.js';
import type { ConcernStore } from '../app/concerns/ports.js';
import type { StaffList } from '../app/directory/schoolDirectory.js';
import type { OutageBuffer } from '../app/lesson/outageBuffer.js';
import type { RequestKeys } from '../app/sidePanel/recordStaffAction.js';
import type { Clock, Logger, MeetingKey, MeetingRecord, MeetingStore, ParticipantDirectory } from '../app/ports.js';
import type { Config } from '../config.js';
import type { Policy } from '../domain/policy/schema.js';
import type { HttpServer } from '../http/server.js';
import type { StorageConnection } from '../storage/tableClients.js';
import type { TeamsClients } from '../teams/attachTeams.js';
import type { BoardReader } from '../app/schoolView/boardReader.js';
import type { SchoolBoardStore } from '../app/schoolView/ports.js';
import type { SchoolViewDeps } from '../http/tabApi/schoolRoutes.js';
import type { BookingRouteDeps } from '../http/tabApi/bookingRoutes.js';
import type { DelegatedTokens } from '../graph/delegated/delegatedTokens.js';

/** What starting the service needs besides configuration. */
export interface ServiceOptions {
  config: Config;
  storage: StorageConnection;
  logger: Logger;
  /** Default: the policy `config` names (preset or file). */
  policy?: Policy;
  /** Default: the staff file `config` names, if any. */
  staffList?: StaffList;
  /** Default: the system clock. */
  clock?: Clock;
  /**
   * The on-behalf-of exchange booking calls Graph with (tests: a local fake, as MSAL reaches only a real Entra).
   * Default: teamsfx with the tab app's secret (`AAD_APP_CLIENT_SECRET`); neither: booking is not set up.
   */
  delegatedTokens?: DelegatedTokens;
  /** Where booking's delegated Graph calls go (the simulator's fake calendar); default `GRAPH_BASE_URL`. */
  delegatedGraphBaseUrl?: string;
  /** Sweep timers on an interval (default true; tests drive sweeps with `core.tick()`). */
  sweep?: boolean;
  /**
   * The meeting simulator's routes (`dev/devRoutes.ts`), mounted at `/dev` in local mode only: the
   * caller loads that module only when it wants it, so production never loads the dev code.
   */
  simulator?: (server: HttpServer, core: ServiceCore) => Promise<void>;
}

/** The composed parts, shared by routes, the simulator and tests. */
export interface ServiceCore {
  config: Config;
  logger: Logger;
  clock: Clock;
  meetings: Pick<MeetingStore, 'load' | 'listEvents' | 'listMeetings'>;
  concerns: ConcernStore;
  directory: ParticipantDirectory;
  /** Side-panel idempotency keys, each scoped to its caller and endpoint and bound to its content. */
  requestKeys: RequestKeys;
  /** The one path for every lesson event (Teams, side panel, timers): apply, then deliver what it owes. */
  recordLessonEvent: ApplyMeetingEvent;
  policyFor(tenantId: string): Policy;
  buffer: OutageBuffer;
  teams: TeamsClients;
  /** A lesson's snapshot for pollers: cached when read or written within `maxAgeMs` (default 2 s). */
  readMeeting(key: MeetingKey, maxAgeMs?: number): Promise<MeetingRecord | undefined>;
  /** Runs one timer sweep and flushes the outage buffer; returns timers fired. */
  tick(): Promise<number>;
  /** Resolves once the background passes ticks started (retention, senior team cards) have finished. */
  idle(): Promise<void>;
  /** Today's board of each school, for the school view. */
  school: BoardReader;
  /** The board's stored days, for the school view's lesson list and week report. */
  schoolBoard: Pick<SchoolBoardStore, 'days'>;
  /** "I'm dealing with it" on a critical alert (the alert card's button and the school view's). */
  acknowledgeAlert: SchoolViewDeps['acknowledge'];
  /** Booking lessons as the teacher (the personal tab's form); absent when booking is not set up. */
  booking?: BookingRouteDeps;
}

/** A running service. */
export interface RunningService {
  core: ServiceCore;
  server: HttpServer;
  /** `http://127.0.0.1:<port>` */
  url: string;
  stop(): Promise<void>;
}
