/**
 * The head row of a concern: where its chronology stands (last sequence number, open or closed).
 * Every append replaces it under its ETag in the same transaction as the new entry row, so two
 * DSLs acting at once are put in order, and nothing can be appended once the head says closed.
 * The entry rows stay the record; the head only guards the next write.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { ConcernDelivery } from '../../app/concerns/ports.js';
import { concernStatus, type Concern } from '../../app/concerns/types.js';
import { guarded, statusOf } from '../errors.js';
import { joinKey } from '../keys.js';
import { fromChunks } from '../properties.js';
import { HEAD_ROW } from './concernRows.js';

/** A head as read: `etag` is absent when it was derived from the entries of an older concern. */
export interface ConcernHead {
  lastSeq: number;
  open: boolean;
  reporterId: string;
  /** The outbox kept on the head row (see concernBook.ts), as it stood when the head was read. */
  deliveries: ConcernDelivery[];
  etag?: string;
}

interface HeadRow extends Record<string, unknown> {
  rowType: string;
  ref: string;
  lastSeq: number;
  open: boolean;
  reporterId: string;
}

/** Row key of the head of concern `ref` (outside the `<ref>-NNNN` range of its entries). */
export function headRowKey(ref: string): string {
  return joinKey([HEAD_ROW, ref]);
}

/** The head a concern's entries imply (concerns stored before heads existed have none, nor an outbox). */
export function headOf(concern: Concern): ConcernHead {
  const lastSeq = Math.max(...concern.entries.map((e) => e.seq));
  return { lastSeq, open: concernStatus(concern).open, reporterId: concern.reporter.aadObjectId, deliveries: [] };
}

/** The outbox held on a head row (none on a head written before outboxes were kept). */
export function outboxOf(row: Record<string, unknown>): ConcernDelivery[] {
  return typeof row.deliveriesChunks === 'number'
    ? (JSON.parse(fromChunks('deliveries', row)) as ConcernDelivery[])
    : [];
}

/** Reads the stored head, or undefined when the concern has none yet. */
export async function readHead(
  table: TableClient,
  partitionKey: string,
  ref: string,
): Promise<ConcernHead | undefined> {
  try {
    const row = await guarded('read concern head', () => table.getEntity<HeadRow>(partitionKey, headRowKey(ref)));
    return {
      lastSeq: row.lastSeq,
      open: row.open,
      reporterId: row.reporterId,
      deliveries: outboxOf(row),
      ...(row.etag ? { etag: row.etag } : {}),
    };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * The transaction action that moves the head on: merged only if nobody moved it since it was
 * read (If-Match), or created only if nobody created it meanwhile (a derived head).
 */
export function headAction(
  partitionKey: string,
  ref: string,
  before: ConcernHead | undefined,
  after: Omit<ConcernHead, 'etag' | 'deliveries'>,
  /** Written with the head: the whole outbox (see concernBook.ts) when the step owes messages, else nothing. */
  extra: Record<string, unknown> = {},
): TransactionAction {
  const { lastSeq, open, reporterId } = after;
  const entity = { partitionKey, rowKey: headRowKey(ref), rowType: HEAD_ROW, ref, lastSeq, open, reporterId, ...extra };
  // Merge, so an outbox kept on the same row is left as it is unless `extra` carries a new one.
  return before?.etag ? ['update', entity, 'Merge', { etag: before.etag }] : ['create', entity];
}
