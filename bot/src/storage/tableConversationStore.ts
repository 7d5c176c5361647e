/**
 * `ConversationStore` on Azure Table Storage: one partition per tenant, one row per conversation
 * key, the Teams conversation reference kept as JSON for proactive messages.
 */
import type { TableClient } from '@azure/data-tables';
import type { ConversationStore, StoredConversation } from '../app/ports.js';
import { guarded, statusOf } from './errors.js';
import { joinKey } from './keys.js';
import { fromChunks, timeValue, toChunks } from './properties.js';

interface ConversationRow extends Record<string, unknown> {
  tenantId: string;
  key: string;
  kind: StoredConversation['kind'];
  greetedAt?: number;
}

/** Conversation references in the `conversations` table. */
export class TableConversationStore implements ConversationStore {
  constructor(private readonly table: TableClient) {}

  async save(conversation: StoredConversation): Promise<void> {
    const row = {
      partitionKey: joinKey([conversation.tenantId]),
      rowKey: joinKey([conversation.key]),
      tenantId: conversation.tenantId,
      key: conversation.key,
      kind: conversation.kind,
      ...(conversation.greetedAt === undefined ? {} : { greetedAt: timeValue(conversation.greetedAt) }),
      ...toChunks('reference', JSON.stringify(conversation.reference)),
    };
    await guarded('save conversation', () => this.table.upsertEntity(row, 'Replace'));
  }

  async get(tenantId: string, key: string): Promise<StoredConversation | undefined> {
    let row: ConversationRow;
    try {
      row = await guarded('read conversation', () =>
        this.table.getEntity<ConversationRow>(joinKey([tenantId]), joinKey([key])),
      );
    } catch (error) {
      if (statusOf(error) === 404) return undefined;
      throw error;
    }
    const reference = JSON.parse(fromChunks('reference', row)) as Record<string, unknown>;
    return {
      tenantId: row.tenantId,
      key: row.key,
      kind: row.kind,
      reference,
      ...(row.greetedAt === undefined ? {} : { greetedAt: row.greetedAt }),
    };
  }
}
