/**
 * A one-to-one (rule `no-one-to-one`, seed 003 bullet 1, seed 001 #4) is also recorded as a
 * possible low-level concern about staff conduct, so the DSL has it in the concerns log to review
 * under the school's low-level concerns procedure. The record is content-light (no pupil or staff
 * name: the lesson link opens the register) and made once per lesson, however often the alert fires.
 */
import { createHash } from 'node:crypto';
import type { MeetingState } from '../../domain/types.js';
import { logConcern, type LogConcernDeps } from '../concerns/logConcern.js';
import type { Viewer } from '../permissions.js';
import type { MeetingKey } from '../ports.js';

/** The finding key of the critical one-to-one (one adult alone with one pupil). */
export const ONE_TO_ONE_KEY = 'no-one-to-one';

/** Chaperone itself as the reporter of automatic records. */
const CHAPERONE: Omit<Viewer, 'tenantId'> = {
  aadObjectId: 'chaperone-automatic-record',
  name: 'Chaperone (automatic record)',
  standing: 'staff',
};

/** Records the concern for one lesson (idempotent per lesson). */
export type RecordOneToOneConcern = (key: MeetingKey, state: MeetingState, at: number) => Promise<void>;

/** Builds the use case on top of `logConcern` (which stores once per form id and alerts the DSLs). */
export function createOneToOneConcern(deps: LogConcernDeps): RecordOneToOneConcern {
  return async (key, state, at) => {
    const result = await logConcern(
      deps,
      { ...CHAPERONE, tenantId: key.tenantId },
      {
        pupilName: 'Not named in this automatic record (see the lesson register)',
        category: 'staff-conduct',
        whatHappened:
          'Chaperone found one member of staff alone in the lesson call with one pupil, for longer than the grace period. ' +
          "The school's policy does not allow one-to-one video calls, so this is recorded as a possible low-level concern about staff conduct for the DSL to review. " +
          'It may have an innocent explanation, such as a colleague losing their connection.',
        happenedAt: at,
        meetingId: key.meetingId,
        meetingTitle: (state.title || 'Lesson').slice(0, 300),
        actionsTaken: 'Chaperone raised an alert for the staff in the meeting and for the DSL.',
        urgency: 'routine',
        // One form id per lesson: a second one-to-one in the same lesson adds nothing new.
        clientRequestId: `auto-one-to-one-${createHash('sha256').update(`${key.tenantId}\n${key.meetingId}`).digest('hex').slice(0, 40)}`,
      },
    );
    if (result.outcome === 'invalid' || result.outcome === 'refused')
      throw new Error('the automatic one-to-one record was not accepted');
  };
}
