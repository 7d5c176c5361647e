/**
 * The head row of a concern: where its chronology stands (last sequence number, open or closed).
 * Every append replaces it under its ETag in the same transaction as the new entry row, so two
 * DSLs acting at once are put in order, and nothing can be appended once the head says closed.
 * The entry rows stay the record; the head only guards the next write.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import { concernStatus, type Concern } from '../../app/concerns/types.js';
import { guarded, statusOf } from '../errors.js';
import { joinKey } from '../keys.js';
import { HEAD_ROW } from './concernRows.js';

/** A head as read: `etag` is absent when it was derived from the entries of an older concern. */
export interface ConcernHead {
  lastSeq: number;
  open: boolean;
  reporterId: string;
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

/** The head a concern's entries imply (concerns stored before heads existed have none). */
export function headOf(concern: Concern): ConcernHead {
  return { lastSeq: Math.max(...concern.entries.map((e) => e.seq)), open: concernStatus(concern).open, reporterId: concern.reporter.aadObjectId };
}

/** Reads the stored head, or undefined when the concern has none yet. */
export async function readHead(table: TableClient, partitionKey: string, ref: string): Promise<ConcernHead | undefined> {
  try {
    const row = await guarded('read concern head', () => table.getEntity<HeadRow>(partitionKey, headRowKey(ref)));
    return { lastSeq: row.lastSeq, open: row.open, reporterId: row.reporterId, ...(row.etag ? { etag: row.etag } : {}) };
  } catch (error) {
    if (statusOf(error) === 404) return undefined;
    throw error;
  }
}

/**
 * The transaction action that moves the head on: replaced only if nobody moved it since it was
 * read (If-Match), or created only if nobody created it meanwhile (a derived head).
 */
export function headAction(
  partitionKey: string,
  ref: string,
  before: ConcernHead | undefined,
  after: Omit<ConcernHead, 'etag'>,
  /** Written only when the head is created (the outbox a new concern owes). */
  extra: Record<string, unknown> = {},
): TransactionAction {
  const entity = { partitionKey, rowKey: headRowKey(ref), rowType: HEAD_ROW, ref, lastSeq: after.lastSeq, open: after.open, reporterId: after.reporterId };
  // Merge, so the outbox kept on the same row (see concernBook.ts) is left as it is.
  return before?.etag ? ['update', entity, 'Merge', { etag: before.etag }] : ['create', { ...entity, ...extra }];
}
