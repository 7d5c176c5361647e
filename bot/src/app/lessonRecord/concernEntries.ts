/**
 * The concerns a lesson's record shows: those logged from the lesson (linked to it when they were
 * logged), as who logged which reference and when, and who took it. Never what a concern says: the
 * concern itself is read with `concern <ref>`, under its own access rules.
 */
import type { Concern } from '../concerns/types.js';
import { concernStatus } from '../concerns/types.js';
import type { Entry } from './entries.js';

/** Timeline entries for the concerns linked to lesson `meetingId`. */
export function concernEntries(concerns: readonly Concern[], meetingId: string): Entry[] {
  return concerns
    .filter((c) => c.details.lesson?.meetingId === meetingId)
    .flatMap((c) => [
      {
        at: c.raisedAt,
        kind: 'concern' as const,
        ...(c.details.urgency === 'urgent' ? { severity: 'critical' as const } : {}),
        text: `${c.reporter.name || 'A member of staff'} logged a safeguarding concern (${c.ref}${c.details.urgency === 'urgent' ? ', urgent' : ''}).`,
      },
      ...concernStatus(c).acknowledgements.map((ack) => ({
        at: ack.at,
        kind: 'concern' as const,
        text: `${ack.by.name || 'The DSL'} took concern ${c.ref}.`,
      })),
    ]);
}
