import type { ChecklistItem, MeetingEvent, PupilCheck, PupilCheckState, RegisterMark } from '../../domain/types.js';
import type { ApplyMeetingEvent, ApplyOutcome } from '../lesson/applyMeetingEvent.js';
import { fingerprint } from '../fingerprint.js';
import type { Clock, Logger, MeetingKey, MeetingStore } from '../ports.js';

/** What a member of staff did in the side panel, already validated at the edge. */
export type StaffAction =
  | { kind: 'checklist'; item: ChecklistItem; ticked: boolean }
  | { kind: 'pupilCheck'; pupilId: string; check: PupilCheck; state: PupilCheckState }
  | { kind: 'registerMark'; pupilId: string; mark: RegisterMark }
  | { kind: 'breach'; note?: string };

/** Why a staff action could not be recorded; `message` is a sentence with the next step. */
export class StaffActionRefused extends Error {
  override name = 'StaffActionRefused';
  constructor(
    readonly reason: 'lessonNotFound' | 'pupilNotFound' | 'requestIdReused',
    message: string,
  ) {
    super(message);
  }
}

/** Who sent an idempotency key, and where: a key means something only within this scope. */
export interface KeyedRequest {
  tenantId: string;
  /** The verified caller's Entra object id. */
  callerId: string;
  /** The endpoint the key was sent to (the lesson and the kind of write). */
  endpoint: string;
  /** The client's idempotency key (`clientRequestId`). */
  key: string;
}

/**
 * Idempotency keys, each bound to what was first sent with it (IETF Idempotency-Key semantics).
 * `claim` records the key if it is new: `new`, `repeat` (same content again), `conflict` (the
 * key was used for different content), or `unchecked` (storage unreachable; nothing recorded).
 */
export interface RequestKeys {
  claim(request: KeyedRequest, content: unknown): Promise<'new' | 'repeat' | 'conflict' | 'unchecked'>;
  /**
   * Deletes up to `max` keys first seen before `cutoff` (epoch ms); returns how many. A key only has to outlive its
   * action's retries.
   */
  forgetBefore(cutoff: number, max: number): Promise<number>;
}

/** Dependencies of {@link recordStaffAction}. */
export interface StaffActionDeps {
  meetings: Pick<MeetingStore, 'load'>;
  applyEvent: ApplyMeetingEvent;
  requestKeys: Pick<RequestKeys, 'claim'>;
  clock: Clock;
  logger: Logger;
}

/** Said when a side-panel request id comes back with a different change. */
export const REQUEST_ID_REUSED =
  'This request id was already used for a different change; reload the panel and try again.';

/**
 * Records a staff action as a lesson event, through the same reducer, rules and storage
 * transaction as Teams' own events. The request's key is claimed first: a retry (same caller,
 * endpoint, key and action) is applied once, the same key with a different action is refused, and
 * another caller's or endpoint's key is simply another key. `by` is the verified caller.
 */
export async function recordStaffAction(
  deps: StaffActionDeps,
  key: MeetingKey,
  request: Omit<KeyedRequest, 'tenantId'>,
  action: StaffAction,
): Promise<ApplyOutcome> {
  const record = await deps.meetings.load(key);
  if (!record)
    throw new StaffActionRefused(
      'lessonNotFound',
      'Chaperone has no record of this lesson yet; make sure the app is added to the meeting, then try again.',
    );
  if ('pupilId' in action) {
    const person = record.state.people[action.pupilId];
    if (!person || person.role === 'staff') {
      throw new StaffActionRefused(
        'pupilNotFound',
        "That pupil is not on this lesson's register; refresh the side panel and try again.",
      );
    }
  }
  const claim = await deps.requestKeys.claim({ tenantId: key.tenantId, ...request }, action);
  if (claim === 'conflict') throw new StaffActionRefused('requestIdReused', REQUEST_ID_REUSED);
  // Without the key store a retry is still applied once (same id), and a changed action is kept rather than lost.
  if (claim === 'unchecked')
    deps.logger.warn({ endpoint: request.endpoint.split('/').pop() }, 'request id not checked: storage unavailable');
  return deps.applyEvent(key, toEvent(action, eventIdFor(request, action), request.callerId, deps.clock.now()));
}

/** The lesson event id of a request: the same caller, endpoint, key and action always give the same id. */
function eventIdFor(request: Omit<KeyedRequest, 'tenantId'>, action: StaffAction): string {
  return `tab:${fingerprint([request.callerId, request.endpoint, request.key, action]).slice(0, 32)}`;
}

function toEvent(action: StaffAction, id: string, by: string, at: number): MeetingEvent {
  switch (action.kind) {
    case 'checklist':
      return { kind: 'checklistTicked', id, at, by, item: action.item, ticked: action.ticked };
    case 'pupilCheck':
      return {
        kind: 'pupilCheckRecorded',
        id,
        at,
        by,
        pupilId: action.pupilId,
        check: action.check,
        state: action.state,
      };
    case 'registerMark':
      return { kind: 'registerMarked', id, at, by, pupilId: action.pupilId, mark: action.mark };
    case 'breach':
      return action.note === undefined
        ? { kind: 'breachReported', id, at, by }
        : { kind: 'breachReported', id, at, by, note: action.note };
  }
}
