/**
 * A concern's outbox on its head row: the messages it owes (JSON, chunked) and `deliverAt`, the
 * instant the next pending one is due, so the worker finds concerns with work by one query. The
 * outbox is written with the concern's first entry, grows with the entries that owe messages (in
 * their transaction), and is saved otherwise only under the head's ETag.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { ConcernDelivery } from '../../app/concerns/ports.js';
import type { ConcernMessage } from '../../app/delivery/delivery.js';
import type { DeliveryBookStore } from '../../app/delivery/deliveryRound.js';
import { guarded, statusOf } from '../errors.js';
import { timeValue, toChunks } from '../properties.js';
import { headRowKey, outboxOf } from './concernHead.js';
import { HEAD_ROW } from './concernRows.js';

/** `deliverAt` of a head with nothing pending (the latest instant a Date can hold). */
const NOTHING_DUE = 8.64e15;

/** The head properties that hold an outbox. */
export function outboxProps(tenantId: string, deliveries: ConcernDelivery[]): Record<string, unknown> {
  const due = deliveries.filter((d) => d.state === 'pending').map((d) => Math.max(d.nextAttemptAt, d.leaseUntil ?? 0));
  return {
    tenantId,
    ...toChunks('deliveries', JSON.stringify(deliveries)),
    deliverAt: timeValue(due.length ? Math.min(...due) : NOTHING_DUE),
  };
}

/** The outbox of concern `ref`, kept on its head row. */
export function concernBook(
  table: TableClient,
  partitionKey: string,
  tenantId: string,
  ref: string,
): DeliveryBookStore<ConcernMessage> {
  const rowKey = headRowKey(ref);
  return {
    async load() {
      try {
        const row = await guarded('read concern outbox', () =>
          table.getEntity<Record<string, unknown>>(partitionKey, rowKey),
        );
        return { deliveries: outboxOf(row), etag: row.etag };
      } catch (error) {
        if (statusOf(error) === 404) return undefined;
        throw error;
      }
    },
    async save(deliveries, etag) {
      try {
        // Merge: the head's own fields (sequence, open) are moved on by appends, never here.
        const saved = await guarded('save concern outbox', () =>
          table.updateEntity({ partitionKey, rowKey, ...outboxProps(tenantId, deliveries) }, 'Merge', { etag }),
        );
        return { outcome: 'applied', etag: saved.etag ?? etag };
      } catch (error) {
        if (statusOf(error) === 412) return { outcome: 'conflict' };
        throw error;
      }
    },
  };
}

/** Concerns whose outbox has a message due by `now`, across tenants. */
export async function dueOutboxes(table: TableClient, now: number): Promise<Array<{ tenantId: string; ref: string }>> {
  const filter = odata`rowType eq ${HEAD_ROW} and deliverAt le ${now}`;
  return guarded('find due concern messages', async () => {
    const due: Array<{ tenantId: string; ref: string }> = [];
    const rows = table.listEntities<{ tenantId?: string; ref?: string }>({
      queryOptions: { filter, select: ['tenantId', 'ref'] },
    });
    for await (const row of rows)
      if (typeof row.tenantId === 'string' && typeof row.ref === 'string')
        due.push({ tenantId: row.tenantId, ref: row.ref });
    return due;
  });
}
