/**
 * `ConcernStore` on Azure Table Storage: table `concerns`, one partition per tenant, append-only.
 * Each entry of a chronology is a new row; a per-tenant index row per (reporter, form) makes a
 * second submit of the same form return the first concern instead of storing another.
 */
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type { ConcernPage, ConcernQuery, ConcernStore, CreateResult, NewConcern } from '../../app/concerns/ports.js';
import { concernStatus, type Concern, type ConcernEntry, type NewConcernEntry } from '../../app/concerns/types.js';
import { guarded, statusOf } from '../errors.js';
import { joinKey } from '../keys.js';
import { ENTRY_ROW, REQUEST_ROW, entryRowKey, entryToRow, rowsToConcerns, type EntryRow } from './concernRows.js';

const DEFAULT_PAGE = 10;
/** Concurrent appends to one concern race for the same sequence number; the loser takes the next. */
const APPEND_ATTEMPTS = 5;

/** Concerns in the `concerns` table. */
export class TableConcernStore implements ConcernStore {
  constructor(private readonly table: TableClient) {}

  async create(concern: NewConcern): Promise<CreateResult> {
    const partitionKey = joinKey([concern.tenantId]);
    const first: ConcernEntry = { seq: 0, kind: 'raised', at: concern.raisedAt, by: concern.reporter, details: concern.details };
    const requestKey = joinKey([REQUEST_ROW, concern.reporter.aadObjectId, concern.clientRequestId]);
    try {
      // One transaction: the index row and the first entry are stored together or not at all.
      await guarded('store concern', () =>
        this.table.submitTransaction([
          ['create', { partitionKey, rowKey: requestKey, rowType: REQUEST_ROW, ref: concern.ref }],
          ['create', { partitionKey, rowKey: entryRowKey(concern.ref, 0), ...entryToRow(concern.tenantId, concern.ref, concern.reporter.aadObjectId, first) }],
        ]),
      );
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const earlier = await this.requestRef(partitionKey, requestKey);
      if (!earlier) return { outcome: 'refTaken' };
      const existing = await this.get(concern.tenantId, earlier);
      if (!existing) throw new Error('A concern index row points at a concern that is not stored.');
      return { outcome: 'duplicate', concern: existing };
    }
    return { outcome: 'created', concern: { tenantId: concern.tenantId, ref: concern.ref, reporter: concern.reporter, raisedAt: concern.raisedAt, details: concern.details, entries: [first] } };
  }

  async append(tenantId: string, ref: string, entry: NewConcernEntry): Promise<ConcernEntry> {
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      const concern = await this.get(tenantId, ref);
      if (!concern) throw new Error('Cannot add to a concern that does not exist.');
      const seq = Math.max(...concern.entries.map((e) => e.seq)) + 1;
      const stored = { ...entry, seq } as ConcernEntry;
      try {
        await guarded('append concern entry', () =>
          this.table.createEntity({ partitionKey: joinKey([tenantId]), rowKey: entryRowKey(ref, seq), ...entryToRow(tenantId, ref, concern.reporter.aadObjectId, stored) }),
        );
        return stored;
      } catch (error) {
        if (statusOf(error) !== 409) throw error;
      }
    }
    throw new Error('The concern is being changed by several people at once; try again.');
  }

  async get(tenantId: string, ref: string): Promise<Concern | undefined> {
    // `.` sorts straight after `-`, so this range is exactly the rows `<ref>-NNNN`.
    const filter = odata`PartitionKey eq ${joinKey([tenantId])} and RowKey ge ${`${ref}-`} and RowKey lt ${`${ref}.`}`;
    const rows = await this.query(filter);
    return rowsToConcerns(rows).find((c) => c.tenantId === tenantId);
  }

  async list(tenantId: string, query: ConcernQuery): Promise<ConcernPage> {
    const partitionKey = joinKey([tenantId]);
    const filter = query.reporterId === undefined
      ? odata`PartitionKey eq ${partitionKey} and rowType eq ${ENTRY_ROW}`
      : odata`PartitionKey eq ${partitionKey} and rowType eq ${ENTRY_ROW} and reporterId eq ${query.reporterId}`;
    const all = rowsToConcerns(await this.query(filter))
      .filter((c) => c.tenantId === tenantId && (query.status === 'all' || concernStatus(c).open))
      .sort((a, b) => b.raisedAt - a.raisedAt || a.ref.localeCompare(b.ref));
    const start = Math.max(0, Number.parseInt(query.cursor ?? '0', 10) || 0);
    const limit = query.limit ?? DEFAULT_PAGE;
    const concerns = all.slice(start, start + limit);
    return { concerns, ...(start + limit < all.length ? { next: String(start + limit) } : {}) };
  }

  private async query(filter: string): Promise<EntryRow[]> {
    return guarded('read concerns', async () => {
      const rows: EntryRow[] = [];
      for await (const row of this.table.listEntities<EntryRow>({ queryOptions: { filter } })) rows.push(row as TableEntityResult<EntryRow>);
      return rows;
    });
  }

  private async requestRef(partitionKey: string, rowKey: string): Promise<string | undefined> {
    try {
      const row = await guarded('read concern index', () => this.table.getEntity<{ ref: string }>(partitionKey, rowKey));
      return row.ref;
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}
