/**
 * `RequestKeys` on Azure Table Storage: table `idempotency`, one partition per tenant, one row
 * per (caller, endpoint, key), written insert-if-absent before the request is applied and
 * holding a fingerprint of what was sent. Rows are never updated.
 */
import type { TableClient } from '@azure/data-tables';
import type { KeyedRequest, RequestKeys } from '../app/status/recordStaffAction.js';
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
      await guarded('record request id', () => this.table.createEntity<KeyRow>({ partitionKey, rowKey, contentHash, firstSeenAt: new Date(this.now()) }));
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
}
