import { strict as assert } from 'node:assert';
import type { StoredConversation } from '../../bot/src/app/ports.js';
import { TableConversationStore } from '../../bot/src/storage/tableConversationStore.js';
import { freshTables } from './storageFixtures.js';

describe('storage/tableConversationStore', () => {
  it('round-trips a conversation reference and keeps tenants apart', async () => {
    const store = new TableConversationStore((await freshTables()).conversations);
    const saved: StoredConversation = {
      tenantId: 'tenant-a',
      key: '19:meeting_abc/def#0?\u0001',
      kind: 'meeting',
      reference: {
        serviceUrl: 'https://smba.example/',
        conversation: { id: '19:meeting_abc', tenantId: 'tenant-a' },
        bot: { id: '28:bot' },
      },
      greetedAt: 1_764_000_000_000,
    };
    await store.save(saved);
    assert.deepEqual(await store.get('tenant-a', saved.key), saved);
    assert.equal(await store.get('tenant-b', saved.key), undefined);

    const { greetedAt: _greeted, ...ungreeted } = saved;
    await store.save({ ...ungreeted, kind: 'personal' });
    assert.deepEqual(await store.get('tenant-a', saved.key), { ...ungreeted, kind: 'personal' });
  });
});
