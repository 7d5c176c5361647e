import { seenBefore } from '../../domain/appliedEvents.js';
import type { MeetingEvent } from '../../domain/types.js';
import type { MeetingKey, MeetingRecord, MeetingStore } from '../ports.js';

/**
 * Whether `event` was applied to the lesson before. The lesson's own window of ids answers almost
 * always; only an event too old for it (appliedEvents.ts: not in the window, and no newer than the
 * newest id dropped from it) costs a look at the stored events.
 */
export async function appliedBefore(
  meetings: Pick<MeetingStore, 'hasEvent'>,
  key: MeetingKey,
  record: Pick<MeetingRecord, 'state'>,
  event: MeetingEvent,
): Promise<boolean> {
  const seen = seenBefore(record.state, event);
  return seen === 'applied' || (seen === 'unknown' && (await meetings.hasEvent(key, event.id)));
}
