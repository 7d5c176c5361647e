import type { ChecklistItem, MeetingEvent, PupilCheck, RegisterMark } from '../../domain/types.js';
import type { ApplyMeetingEvent, ApplyOutcome } from '../applyMeetingEvent.js';
import type { Clock, MeetingKey, MeetingStore } from '../ports.js';

/** What a member of staff did in the side panel, already validated at the edge. */
export type StaffAction =
  | { kind: 'checklist'; item: ChecklistItem; ticked: boolean }
  | { kind: 'pupilCheck'; pupilId: string; check: PupilCheck; value: boolean }
  | { kind: 'registerMark'; pupilId: string; mark: RegisterMark }
  | { kind: 'breach'; note?: string };

/** Why a staff action could not be recorded; `message` is a sentence with the next step. */
export class StaffActionRefused extends Error {
  override name = 'StaffActionRefused';
  constructor(
    readonly reason: 'lessonNotFound' | 'pupilNotFound',
    message: string,
  ) {
    super(message);
  }
}

/** Dependencies of {@link recordStaffAction}. */
export interface StaffActionDeps {
  meetings: Pick<MeetingStore, 'load'>;
  applyEvent: ApplyMeetingEvent;
  clock: Clock;
}

/**
 * Records a staff action as a lesson event, through the same reducer, rules and storage
 * transaction as Teams' own events. The event id comes from the client's request id, so a retried
 * request is applied once; `by` is the verified caller, never a name the client sent.
 */
export async function recordStaffAction(
  deps: StaffActionDeps,
  key: MeetingKey,
  byAadObjectId: string,
  clientRequestId: string,
  action: StaffAction,
): Promise<ApplyOutcome> {
  const record = await deps.meetings.load(key);
  if (!record) throw new StaffActionRefused('lessonNotFound', 'Chaperone has no record of this lesson yet; make sure the app is added to the meeting, then try again.');
  if ('pupilId' in action) {
    const person = record.state.people[action.pupilId];
    if (!person || person.role === 'staff') {
      throw new StaffActionRefused('pupilNotFound', 'That pupil is not on this lesson\'s register; refresh the side panel and try again.');
    }
  }
  return deps.applyEvent(key, toEvent(action, `tab:${clientRequestId}`, byAadObjectId, deps.clock.now()));
}

function toEvent(action: StaffAction, id: string, by: string, at: number): MeetingEvent {
  switch (action.kind) {
    case 'checklist':
      return { kind: 'checklistTicked', id, at, by, item: action.item, ticked: action.ticked };
    case 'pupilCheck':
      return { kind: 'pupilCheckRecorded', id, at, by, pupilId: action.pupilId, check: action.check, value: action.value };
    case 'registerMark':
      return { kind: 'registerMarked', id, at, by, pupilId: action.pupilId, mark: action.mark };
    case 'breach':
      return action.note === undefined ? { kind: 'breachReported', id, at, by } : { kind: 'breachReported', id, at, by, note: action.note };
  }
}
