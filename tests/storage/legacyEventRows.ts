import type { TableClient } from '@azure/data-tables';
import type { MeetingKey } from '../../bot/src/app/ports.js';
import type { MeetingEvent } from '../../bot/src/domain/types.js';
import { eventRowKey, meetingPartition } from '../../bot/src/storage/meetingRows.js';
import { timeValue, toChunks } from '../../bot/src/storage/properties.js';

/**
 * Writes `events` as the store wrote flushed events before pages: one row each (`evt-<id>`), with its
 * kind, time, place in its write and the event as chunked JSON. Lessons stored then still read.
 */
export async function writeLegacyEventRows(
  table: TableClient,
  key: MeetingKey,
  events: readonly MeetingEvent[],
): Promise<void> {
  const partitionKey = meetingPartition(key);
  for (const [order, event] of events.entries()) {
    await table.createEntity({
      partitionKey,
      rowKey: eventRowKey(event.id),
      kind: event.kind,
      at: timeValue(event.at),
      order,
      ...toChunks('event', JSON.stringify(event)),
    });
  }
}
