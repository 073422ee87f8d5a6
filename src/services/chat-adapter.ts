// Owns the port a chat platform adapter (Slack, Teams) implements: what it gives the composition root.
import type { ChatSurface } from '../policy/policy-directory.js';
import type { OutboxHandler } from './outbox-handler.js';
import type { OutboxHandlers } from './outbox-kinds.js';

export interface ChatAdapter {
  readonly surface: ChatSurface;
  /** A line for the start-up log: how it is connected. */
  readonly description: string;
  /** Handlers for chat.* outbox kinds, for items whose payload.surface is this adapter's. */
  readonly outboxHandlers: OutboxHandlers<OutboxHandler>;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** More start-up report lines that need the platform asked (e.g. which permissions an admin granted). */
  report?(): Promise<string[]>;
}
