/**
 * How a concern's chronology is laid out in the `concerns` table: one row per entry, keyed
 * `<ref>-<seq>` (sequence zero-padded so rows sort in order), never updated or deleted.
 */
import type { Concern, ConcernEntry, StaffMember } from '../../app/concerns/types.js';
import { fromChunks, timeValue, toChunks } from '../properties.js';

/** Distinguishes chronology rows from idempotency index rows and head rows in the same partition. */
export const ENTRY_ROW = 'entry';
export const REQUEST_ROW = 'request';
export const HEAD_ROW = 'head';

/** Row key of entry `seq` of concern `ref`. */
export function entryRowKey(ref: string, seq: number): string {
  return `${ref}-${String(seq).padStart(4, '0')}`;
}

/** An entry row as stored. */
export interface EntryRow extends Record<string, unknown> {
  rowType: string;
  tenantId: string;
  ref: string;
  seq: number;
  kind: ConcernEntry['kind'];
  at: number;
  byId: string;
  byName: string;
  /** Copied onto every entry (it never changes), so "my concerns" is one filtered query. */
  reporterId: string;
}

/** The properties of one entry row (partition and row keys added by the caller). */
export function entryToRow(
  tenantId: string,
  ref: string,
  reporterId: string,
  entry: ConcernEntry,
): Record<string, unknown> {
  const { seq, at, by, kind, ...data } = entry;
  return {
    rowType: ENTRY_ROW,
    tenantId,
    ref,
    seq,
    kind,
    at: timeValue(at),
    byId: by.aadObjectId,
    byName: by.name,
    reporterId,
    ...toChunks('data', JSON.stringify(data)),
  };
}

/** An entry read back from its row. */
export function rowToEntry(row: EntryRow): ConcernEntry {
  const data = JSON.parse(fromChunks('data', row)) as object;
  return {
    ...data,
    seq: row.seq,
    at: row.at,
    kind: row.kind,
    by: { aadObjectId: row.byId, name: row.byName },
  } as ConcernEntry;
}

/** Groups entry rows into concerns (rows of one concern need not arrive together). */
export function rowsToConcerns(rows: EntryRow[]): Concern[] {
  const byRef = new Map<string, EntryRow[]>();
  for (const row of rows) byRef.set(row.ref, [...(byRef.get(row.ref) ?? []), row]);
  const concerns: Concern[] = [];
  for (const [ref, group] of byRef) {
    const entries = group.map(rowToEntry).sort((a, b) => a.seq - b.seq);
    const first = entries[0];
    if (!first || first.kind !== 'raised') continue; // a chronology always starts with the concern itself
    const reporter: StaffMember = first.by;
    concerns.push({ tenantId: group[0]!.tenantId, ref, reporter, raisedAt: first.at, details: first.details, entries });
  }
  return concerns;
}
