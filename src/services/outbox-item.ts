// Owns work handed to the outbox: an item as the services enqueue it, and the port they enqueue through.
import type { OutboxKind } from './outbox-kinds.js';

/** Work for the outbox. `K`: the services name one of OUTBOX_KINDS; the store's machinery takes any name. */
export interface OutboxItem<K extends string = OutboxKind> {
  /** Idempotency key: enqueueing the same key twice stores one item. */
  readonly key: string;
  /** What to do, e.g. 'chat.card.refresh', 'network.reply'; adapters register a handler per kind. */
  readonly kind: K;
  readonly payload: Readonly<Record<string, unknown>>;
  readonly caseId?: string | null;
  /** Not before this instant (reminders, back-off); now when absent. */
  readonly runAt?: Date;
}

export interface Outbox {
  enqueue(items: readonly OutboxItem[]): Promise<void>;
}
