/**
 * `SeniorCardStore` on Azure Table Storage, in the `meetings` table: partition `senior!<tenant>`,
 * RowKey `<YYYY-MM-DD>!<kind>`, one row per school, day and card holding the outbox (JSON, chunked).
 * The row is created insert-if-absent, so of two instances planning the same card one writes it,
 * and saved only under its ETag, so two delivery rounds never both record a send.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { Delivery, LessonCardMessage } from '../app/delivery/delivery.js';
import type { DeliveryBookStore } from '../app/delivery/deliveryRound.js';
import type { SeniorCardKind, SeniorCardStore } from '../app/schoolView/ports.js';
import { guarded, statusOf } from './errors.js';
import { joinKey } from './keys.js';
import { fromChunks, toChunks } from './properties.js';

function seniorPartition(tenantId: string): string {
  return joinKey(['senior', tenantId]);
}

/** The senior team's card outboxes in the `meetings` table. */
export class TableSeniorCards implements SeniorCardStore {
  constructor(private readonly table: TableClient) {}

  async create(
    tenantId: string,
    day: string,
    kind: SeniorCardKind,
    deliveries: Delivery<LessonCardMessage>[],
  ): Promise<'created' | 'exists'> {
    const entity = {
      partitionKey: seniorPartition(tenantId),
      rowKey: joinKey([day, kind]),
      ...toChunks('deliveries', JSON.stringify(deliveries)),
    };
    try {
      await guarded('plan senior team card', () => this.table.createEntity(entity));
      return 'created';
    } catch (error) {
      if (statusOf(error) === 409) return 'exists';
      throw error;
    }
  }

  book(tenantId: string, day: string, kind: SeniorCardKind): DeliveryBookStore<LessonCardMessage> {
    const partitionKey = seniorPartition(tenantId);
    const rowKey = joinKey([day, kind]);
    const table = this.table;
    return {
      async load() {
        try {
          const row = await guarded('read senior team card', () =>
            table.getEntity<Record<string, unknown>>(partitionKey, rowKey),
          );
          return {
            deliveries: JSON.parse(fromChunks('deliveries', row)) as Delivery<LessonCardMessage>[],
            etag: row.etag,
          };
        } catch (error) {
          if (statusOf(error) === 404) return undefined;
          throw error;
        }
      },
      async save(deliveries, etag) {
        const entity = { partitionKey, rowKey, ...toChunks('deliveries', JSON.stringify(deliveries)) };
        try {
          const saved = await guarded('save senior team card', () => table.updateEntity(entity, 'Replace', { etag }));
          return { outcome: 'applied', etag: saved.etag ?? etag };
        } catch (error) {
          if (statusOf(error) === 412) return { outcome: 'conflict' };
          throw error;
        }
      },
    };
  }

  async expireBefore(tenantId: string, day: string): Promise<number> {
    const partitionKey = seniorPartition(tenantId);
    // RowKeys start with the day, so the older days are one key range.
    const filter = odata`PartitionKey eq ${partitionKey} and RowKey lt ${day}`;
    const rows = this.table.listEntities({ queryOptions: { filter, select: ['partitionKey', 'rowKey'] } });
    let removed = 0;
    for await (const row of rows) {
      await guarded('expire senior team cards', () => this.table.deleteEntity(partitionKey, row.rowKey!));
      removed += 1;
    }
    return removed;
  }
}
