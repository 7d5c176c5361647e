/**
 * Staff-group answers in the `directoryCache` table: one partition per tenant, one row per Entra
 * object id, holding only whether the person is staff and when Graph said so (no names). Shared by
 * every instance, and kept after they expire so a Graph outage can still be answered from them.
 */
import type { TableClient, TransactionAction } from '@azure/data-tables';
import type { StaffAnswerStore, StoredStaffAnswer } from '../app/directory/staffGroup.js';
import { guarded, statusOf } from './errors.js';
import { joinKey } from './keys.js';
import { timeValue } from './properties.js';

/** The service's limit of operations in one entity-group transaction. */
const MAX_TRANSACTION_ACTIONS = 100;

interface DirectoryCacheRow {
  staff: boolean;
  checkedAt: number;
}

/** {@link StaffAnswerStore} on Azure Table Storage. */
export class TableDirectoryCache implements StaffAnswerStore {
  constructor(private readonly table: TableClient) {}

  /** Point reads in parallel: a round holds at most a class or so, and absent rows are just absent. */
  async get(tenantId: string, aadObjectIds: readonly string[]): Promise<Map<string, StoredStaffAnswer>> {
    const partitionKey = joinKey([tenantId]);
    const rows = await Promise.all(
      [...new Set(aadObjectIds)].map(async (id) => {
        try {
          const row = await guarded('read staff answer', () =>
            this.table.getEntity<DirectoryCacheRow>(partitionKey, joinKey([id])),
          );
          const valid = typeof row.staff === 'boolean' && typeof row.checkedAt === 'number';
          return valid ? ([id, { staff: row.staff, checkedAt: row.checkedAt }] as const) : undefined;
        } catch (error) {
          if (statusOf(error) === 404) return undefined;
          throw error;
        }
      }),
    );
    return new Map(rows.filter((row) => row !== undefined));
  }

  /** Writes the answers of one tenant in entity-group transactions (one partition, up to 100 rows each). */
  async put(tenantId: string, answers: ReadonlyMap<string, StoredStaffAnswer>): Promise<void> {
    const partitionKey = joinKey([tenantId]);
    const actions: TransactionAction[] = [...answers].map(([id, answer]) => [
      'upsert',
      { partitionKey, rowKey: joinKey([id]), staff: answer.staff, checkedAt: timeValue(answer.checkedAt) },
      'Replace',
    ]);
    for (let start = 0; start < actions.length; start += MAX_TRANSACTION_ACTIONS) {
      const slice = actions.slice(start, start + MAX_TRANSACTION_ACTIONS);
      await guarded('save staff answers', () => this.table.submitTransaction(slice));
    }
  }
}
