import { strict as assert } from 'node:assert';
import { TableDirectoryCache } from '../../bot/src/storage/tableDirectoryCache.js';
import { freshTables } from './storageFixtures.js';

describe('storage/tableDirectoryCache', () => {
  it('round-trips answers by tenant and person, keeps tenants apart, and answers nothing for a person never stored', async () => {
    const tables = await freshTables();
    const cache = new TableDirectoryCache(tables.directoryCache);
    const checkedAt = 1_764_000_000_000;
    await cache.put(
      'tenant-a',
      new Map([
        ['t1', { staff: true, checkedAt }],
        ['p/1#?', { staff: false, checkedAt }],
      ]),
    );
    assert.deepEqual(
      await cache.get('tenant-a', ['t1', 'p/1#?', 'never']),
      new Map([
        ['t1', { staff: true, checkedAt }],
        ['p/1#?', { staff: false, checkedAt }],
      ]),
    );
    assert.deepEqual(await cache.get('tenant-b', ['t1']), new Map());

    // A later answer replaces the earlier one; rows hold only the answer and its time (no names).
    await cache.put('tenant-a', new Map([['t1', { staff: false, checkedAt: checkedAt + 1 }]]));
    assert.deepEqual(
      await cache.get('tenant-a', ['t1']),
      new Map([['t1', { staff: false, checkedAt: checkedAt + 1 }]]),
    );
    const row = await tables.directoryCache.getEntity('tenant-a', 't1');
    assert.deepEqual(
      Object.keys(row)
        .filter((k) => !['partitionKey', 'rowKey', 'etag', 'timestamp', 'odata.metadata'].includes(k))
        .sort(),
      ['checkedAt', 'staff'],
    );
  });

  it('stores a whole school at once, over the 100 rows one transaction may hold', async () => {
    const cache = new TableDirectoryCache((await freshTables()).directoryCache);
    const answers = new Map(Array.from({ length: 230 }, (_, i) => [`u${i}`, { staff: i % 10 === 0, checkedAt: i }]));
    await cache.put('tenant-a', answers);
    assert.deepEqual(await cache.get('tenant-a', [...answers.keys()]), answers);
  });
});
