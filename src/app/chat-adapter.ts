// What a chat platform adapter (Slack, Teams) gives the composition root.
import type { OutboxHandler } from '../store/outbox-worker.js';
import type { ChatSurface } from '../policy/policy-directory.js';

export interface ChatAdapter {
  readonly surface: ChatSurface;
  /** A line for the start-up log: how it is connected. */
  readonly description: string;
  /** Handlers for chat.* outbox kinds, for items whose payload.surface is this adapter's. */
  readonly outboxHandlers: Readonly<Record<string, OutboxHandler>>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** More start-up report lines that need the platform asked (e.g. which permissions an admin granted). */
  report?(): Promise<string[]>;
}

/** Routes each chat.* outbox item to the adapter of its surface. */
export function chatOutboxHandlers(adapters: readonly ChatAdapter[]): Record<string, OutboxHandler> {
  const kinds = new Set(adapters.flatMap((a) => Object.keys(a.outboxHandlers)));
  const handlers: Record<string, OutboxHandler> = {};
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
