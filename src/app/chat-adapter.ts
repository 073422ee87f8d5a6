// Owns routing each chat.* outbox item to the chat adapter of its surface (the port is services/chat-adapter.ts).
import type { ChatAdapter } from '../services/chat-adapter.js';
import type { OutboxHandler } from '../services/outbox-handler.js';
import type { OutboxHandlers, OutboxKind } from '../services/outbox-kinds.js';

/** Routes each chat.* outbox item to the adapter of its surface. */
export function chatOutboxHandlers(adapters: readonly ChatAdapter[]): OutboxHandlers<OutboxHandler> {
  const kinds = new Set(adapters.flatMap((a) => Object.keys(a.outboxHandlers) as OutboxKind[]));
  const handlers: Partial<Record<OutboxKind, OutboxHandler>> = {};
  for (const kind of kinds) {
    handlers[kind] = async (job) => {
      const adapter = adapters.find((a) => a.surface === job.payload['surface']);
      const handler = adapter?.outboxHandlers[kind];
      if (!handler) return { skipped: `no ${String(job.payload['surface'])} adapter handles ${kind}` };
      return handler(job);
    };
  }
  return handlers;
}
