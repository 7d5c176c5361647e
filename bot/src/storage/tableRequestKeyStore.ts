/**
 * `RequestKeys` on Azure Table Storage: table `idempotency`, one partition per tenant, one row
 * per (caller, endpoint, key), written insert-if-absent before the request is applied and
 * holding a fingerprint of what was sent. Rows are never updated.
 */
import { odata, type TableClient } from '@azure/data-tables';
import type { KeyedRequest, RequestKeys } from '../app/sidePanel/recordStaffAction.js';
import { guarded, isUnavailable, statusOf } from './errors.js';
import { fingerprint } from '../app/fingerprint.js';
import { joinKey } from './keys.js';

interface KeyRow extends Record<string, unknown> {
  contentHash: string;
}

/** Idempotency keys in the `idempotency` table. */
export class TableRequestKeyStore implements RequestKeys {
  constructor(
    private readonly table: TableClient,
    private readonly now: () => number = () => Date.now(),
  ) {}

  async claim(request: KeyedRequest, content: unknown): Promise<'new' | 'repeat' | 'conflict' | 'unchecked'> {
    const partitionKey = joinKey([request.tenantId]);
    // Hashed: the scope's parts are any length and any characters, a row key is neither.
    const rowKey = fingerprint([request.callerId, request.endpoint, request.key]);
    const contentHash = fingerprint(content);
    try {
      await guarded('record request id', () =>
        this.table.createEntity<KeyRow>({ partitionKey, rowKey, contentHash, firstSeenAt: new Date(this.now()) }),
      );
      return 'new';
    } catch (error) {
      if (isUnavailable(error)) return 'unchecked';
      if (statusOf(error) !== 409) throw error;
    }
    try {
      const earlier = await guarded('read request id', () => this.table.getEntity<KeyRow>(partitionKey, rowKey));
      return earlier.contentHash === contentHash ? 'repeat' : 'conflict';
    } catch (error) {
      if (isUnavailable(error)) return 'unchecked';
      throw error;
    }
  }

  async forgetBefore(cutoff: number, max: number): Promise<number> {
    const old = this.table
      .listEntities<KeyRow>({
        queryOptions: { filter: odata`firstSeenAt lt ${new Date(cutoff)}`, select: ['PartitionKey', 'RowKey'] },
      })
      .byPage({ maxPageSize: Math.min(max, 1000) });
    const page = await guarded('list old request ids', () => old.next());
    let forgotten = 0;
    for (const row of page.done ? [] : page.value) {
      if (forgotten >= max) break;
      try {
        await guarded('delete old request id', () => this.table.deleteEntity(row.partitionKey!, row.rowKey!));
      } catch (error) {
        if (statusOf(error) !== 404) throw error; // another instance deleted it first
      }
      forgotten++;
    }
    return forgotten;
  }
}
