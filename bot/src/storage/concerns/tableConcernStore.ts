/**
 * `ConcernStore` on Azure Table Storage: table `concerns`, one partition per tenant, append-only.
 * Each entry of a chronology is a new row, written with the concern's head row (ETag-checked, with
 * any messages the entry owes added to its outbox) in one transaction; a per-tenant index row per
 * (reporter, form) holds a fingerprint of the form, so a second submit of the same form returns the
 * first concern and a different one is refused.
 */
import { odata, type TableClient, type TableEntityResult } from '@azure/data-tables';
import type {
  AppendResult,
  ConcernDelivery,
  ConcernPage,
  ConcernQuery,
  ConcernStore,
  CreateResult,
  NewConcern,
  OwedMessages,
} from '../../app/concerns/ports.js';
import { concernStatus, type Concern, type ConcernEntry, type NewConcernEntry } from '../../app/concerns/types.js';
import { guarded, statusOf } from '../errors.js';
import { fingerprint } from '../../app/fingerprint.js';
import { joinKey } from '../keys.js';
import type { DeliveryBookStore } from '../../app/delivery/deliveryRound.js';
import type { ConcernMessage } from '../../app/delivery/delivery.js';
import { concernBook, dueOutboxes, outboxProps } from './concernBook.js';
import { headAction, headOf, readHead } from './concernHead.js';
import { ENTRY_ROW, REQUEST_ROW, entryRowKey, entryToRow, rowsToConcerns, type EntryRow } from './concernRows.js';

const DEFAULT_PAGE = 10;
/** DSLs acting on one concern at once race for its head; each loser reads the new head and tries again. */
const APPEND_ATTEMPTS = 8;

/** Concerns in the `concerns` table. */
export class TableConcernStore implements ConcernStore {
  constructor(private readonly table: TableClient) {}

  async create(concern: NewConcern): Promise<CreateResult> {
    const partitionKey = joinKey([concern.tenantId]);
    const first: ConcernEntry = {
      seq: 0,
      kind: 'raised',
      at: concern.raisedAt,
      by: concern.reporter,
      details: concern.details,
    };
    const requestKey = joinKey([REQUEST_ROW, concern.reporter.aadObjectId, concern.clientRequestId]);
    const formHash = fingerprint(concern.details);
    const reporterId = concern.reporter.aadObjectId;
    try {
      // One transaction: the index row, the first entry and the head with the outbox are stored together or not at all.
      await guarded('store concern', () =>
        this.table.submitTransaction([
          ['create', { partitionKey, rowKey: requestKey, rowType: REQUEST_ROW, ref: concern.ref, formHash }],
          [
            'create',
            {
              partitionKey,
              rowKey: entryRowKey(concern.ref, 0),
              ...entryToRow(concern.tenantId, concern.ref, reporterId, first),
            },
          ],
          headAction(
            partitionKey,
            concern.ref,
            undefined,
            { lastSeq: 0, open: true, reporterId },
            outboxProps(concern.tenantId, concern.deliveries ?? []),
          ),
        ]),
      );
    } catch (error) {
      if (statusOf(error) !== 409) throw error;
      const earlier = await this.requestRow(partitionKey, requestKey);
      if (!earlier) return { outcome: 'refTaken' };
      const existing = await this.get(concern.tenantId, earlier.ref);
      if (!existing) throw new Error('A concern index row points at a concern that is not stored.');
      // Rows from before fingerprints were kept cannot tell a resend from a new form: treated as a resend, as then.
      const same = earlier.formHash === undefined || earlier.formHash === formHash;
      return { outcome: same ? 'duplicate' : 'conflict', concern: existing };
    }
    return {
      outcome: 'created',
      concern: {
        tenantId: concern.tenantId,
        ref: concern.ref,
        reporter: concern.reporter,
        raisedAt: concern.raisedAt,
        details: concern.details,
        entries: [first],
      },
    };
  }

  async append(tenantId: string, ref: string, entry: NewConcernEntry, owes?: OwedMessages): Promise<AppendResult> {
    const partitionKey = joinKey([tenantId]);
    for (let attempt = 0; attempt < APPEND_ATTEMPTS; attempt++) {
      const head = (await readHead(this.table, partitionKey, ref)) ?? (await this.derivedHead(tenantId, ref));
      if (!head.open) return { outcome: 'closed' };
      const seq = head.lastSeq + 1;
      const stored = { ...entry, seq } as ConcernEntry;
      const owed = owes?.(stored) ?? [];
      // The outbox as read with this head, plus what the entry owes: saved with the entry, under the same ETag.
      const outbox = owed.length ? outboxProps(tenantId, withOwed(head.deliveries, owed)) : {};
      try {
        await guarded('append concern entry', () =>
          this.table.submitTransaction([
            headAction(
              partitionKey,
              ref,
              head,
              { lastSeq: seq, open: entry.kind !== 'closed', reporterId: head.reporterId },
              outbox,
            ),
            [
              'create',
              { partitionKey, rowKey: entryRowKey(ref, seq), ...entryToRow(tenantId, ref, head.reporterId, stored) },
            ],
          ]),
        );
        return { outcome: 'appended', entry: stored };
      } catch (error) {
        // 412: someone moved the head since it was read; 409: someone created it (or the entry) first.
        const status = statusOf(error);
        if (status !== 412 && status !== 409) throw error;
      }
    }
    throw new Error('The concern is being changed by several people at once; try again.');
  }

  /** The head of a concern stored before heads existed, worked out from its entries. */
  private async derivedHead(tenantId: string, ref: string): Promise<ReturnType<typeof headOf>> {
    const concern = await this.get(tenantId, ref);
    if (!concern) throw new Error('Cannot add to a concern that does not exist.');
    return headOf(concern);
  }

  async get(tenantId: string, ref: string): Promise<Concern | undefined> {
    // `.` sorts straight after `-`, so this range is exactly the rows `<ref>-NNNN`.
    const filter = odata`PartitionKey eq ${joinKey([tenantId])} and RowKey ge ${`${ref}-`} and RowKey lt ${`${ref}.`}`;
    const rows = await this.query(filter);
    return rowsToConcerns(rows).find((c) => c.tenantId === tenantId);
  }

  async list(tenantId: string, query: ConcernQuery): Promise<ConcernPage> {
    const partitionKey = joinKey([tenantId]);
    const filter =
      query.reporterId === undefined
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

  deliveryBook(tenantId: string, ref: string): DeliveryBookStore<ConcernMessage> {
    return concernBook(this.table, joinKey([tenantId]), tenantId, ref);
  }

  dueDeliveries(now: number): Promise<Array<{ tenantId: string; ref: string }>> {
    return dueOutboxes(this.table, now);
  }

  private async query(filter: string): Promise<EntryRow[]> {
    return guarded('read concerns', async () => {
      const rows: EntryRow[] = [];
      for await (const row of this.table.listEntities<EntryRow>({ queryOptions: { filter } }))
        rows.push(row as TableEntityResult<EntryRow>);
      return rows;
    });
  }

  private async requestRow(
    partitionKey: string,
    rowKey: string,
  ): Promise<{ ref: string; formHash?: string } | undefined> {
    try {
      const row = await guarded('read concern index', () =>
        this.table.getEntity<{ ref: string; formHash?: string }>(partitionKey, rowKey),
      );
      return { ref: row.ref, ...(typeof row.formHash === 'string' ? { formHash: row.formHash } : {}) };
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
  }
}

/** `current` with each owed message not already in it (by id) added at the end. */
function withOwed(current: ConcernDelivery[], owed: ConcernDelivery[]): ConcernDelivery[] {
  const ids = new Set(current.map((d) => d.id));
  return [...current, ...owed.filter((d) => !ids.has(d.id))];
}
