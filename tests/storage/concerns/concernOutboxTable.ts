import { TableClient } from '@azure/data-tables';
import { planConcernAlerts } from '../../../bot/src/app/concerns/concernDeliveries.js';
import type { NewConcern } from '../../../bot/src/app/concerns/ports.js';
import { TableConcernStore } from '../../../bot/src/storage/concerns/tableConcernStore.js';
import { sharedAzurite, uniqueTableName } from '../../support/azurite.js';
import { T0, TENANT, details } from '../../app/concerns/fixtures.js';

/** The member of staff who reports the concerns. */
export const reporter = { aadObjectId: 'staff-1', name: 'Ms Teacher' };
/** The school's two DSLs. */
export const dsls = [
  { aadObjectId: 'dsl-1', name: 'Mr Lead' },
  { aadObjectId: 'dsl-2', name: 'Ms Deputy' },
];
/** A concern as the app creates it, with the DSLs' alerts it owes. */
export const newConcern = (ref: string): NewConcern => ({
  tenantId: TENANT,
  ref,
  reporter,
  raisedAt: T0,
  details: details(),
  clientRequestId: `req-${ref}`,
  deliveries: planConcernAlerts({ ref, raisedAt: T0, details: details() }, dsls, T0),
});

/** Before each test of the enclosing `describe`: a new concerns table on Azurite and a store over it, for `use`. */
export function useConcernTable(use: (created: { table: TableClient; store: TableConcernStore }) => void): void {
  beforeEach(async () => {
    const table = TableClient.fromConnectionString(
      (await sharedAzurite()).connectionString,
      uniqueTableName('outbox'),
      {
        allowInsecureConnection: true,
      },
    );
    await table.createTable();
    use({ table, store: new TableConcernStore(table) });
  });
}
