/**
 * Conversation references that survive a Table Storage outage: a 1:1 alert to the DSL needs the
 * DSL's chat reference, and it must not wait for storage. References read or written are kept in
 * memory (bounded); while storage is down they are answered from memory, and a reference that
 * could not be saved is kept there (Teams gives the same 1:1 chat back if it is ever created again).
 */
import type { ConversationStore, Logger, StoredConversation } from '../app/ports.js';
import { isUnavailable } from './errors.js';

const CAPACITY = 5_000;

/** A {@link ConversationStore} that falls back to memory while storage is unreachable. */
export class RememberedConversations implements ConversationStore {
  private readonly known = new Map<string, StoredConversation>();

  constructor(
    private readonly stored: ConversationStore,
    private readonly logger: Logger,
  ) {}

  async save(conversation: StoredConversation): Promise<void> {
    this.remember(conversation);
    try {
      await this.stored.save(conversation);
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      this.logger.warn(
        { tenantId: conversation.tenantId, kind: conversation.kind },
        'conversation kept in memory: storage is unavailable',
      );
    }
  }

  async get(tenantId: string, key: string): Promise<StoredConversation | undefined> {
    try {
      const found = await this.stored.get(tenantId, key);
      if (found) this.remember(found);
      return found ?? this.known.get(id(tenantId, key));
    } catch (error) {
      if (!isUnavailable(error)) throw error;
      return this.known.get(id(tenantId, key));
    }
  }

  private remember(conversation: StoredConversation): void {
    const k = id(conversation.tenantId, conversation.key);
    this.known.delete(k);
    this.known.set(k, conversation);
    if (this.known.size > CAPACITY) this.known.delete(this.known.keys().next().value!);
  }
}

function id(tenantId: string, key: string): string {
  return `${tenantId}\u0000${key}`;
}
