/**
 * The schools that have partitions of one kind (`<kind>!<tenant>` or `<kind>!<tenant>!...`), one
 * small query per school: each asks for the first row after the previous school's partitions, so
 * the cost grows with the number of schools, not of rows.
 */
import { odata, type TableClient } from '@azure/data-tables';
import { guarded } from './errors.js';
import { joinKey, splitKey } from './keys.js';

/**
 * Every tenant with a partition of `kind`, in key order. Escaped key parts never hold `!` or `"`, and
 * every character they do hold sorts after `"`, so `<kind>!<tenant>"` is past that tenant's partitions
 * and before the next tenant's.
 */
export async function* tenantsWithPartitions(table: TableClient, kind: string): AsyncGenerator<string> {
  const end = `${kind}"`;
  let from = joinKey([kind, '']);
  while (true) {
    const filter = odata`PartitionKey ge ${from} and PartitionKey lt ${end}`;
    const pages = table.listEntities({ queryOptions: { filter, select: ['partitionKey'] } }).byPage({ maxPageSize: 1 });
    let partitionKey: string | undefined;
    // The service may answer a range query with an empty page and a continuation; read on until a row or the end.
    while (partitionKey === undefined) {
      const page = await guarded('list schools', () => pages.next());
      if (page.done) return;
      partitionKey = page.value[0]?.partitionKey;
    }
    const tenantId = splitKey(partitionKey)[1] ?? '';
    yield tenantId;
    from = `${joinKey([kind, tenantId])}"`;
  }
}
