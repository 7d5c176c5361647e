import type { ApplyMeetingEvent } from '../../app/lesson/applyMeetingEvent.js';
import type { Clock, Logger, MeetingStore, ParticipantDirectory } from '../../app/ports.js';
import type { RequestKeys } from '../../app/sidePanel/recordStaffAction.js';
import type { Policy } from '../../domain/policy/schema.js';
import type { SsoVerifier } from '../auth/ssoVerifier.js';
import type { ConcernStore } from '../../app/concerns/ports.js';

/** What the tab API needs; the composition root passes the real adapters, tests pass fakes. */
export interface TabApiDeps {
  meetings: Pick<MeetingStore, 'load'>;
  directory: ParticipantDirectory;
  applyEvent: ApplyMeetingEvent;
  /** Idempotency keys of the side panel's writes, scoped to caller and endpoint and bound to the body. */
  requestKeys: Pick<RequestKeys, 'claim'>;
  policyFor(tenantId: string): Policy;
  clock: Clock;
  logger: Logger;
  verifier: SsoVerifier;
  /** The school's concerns, for those the lesson record lists (absent: the record lists none). */
  concerns?: Pick<ConcernStore, 'list'>;
}
