// What the network side (Facebook, Instagram, X, RSS …) gives the composition root.
import type { NetworkConnector } from '../services/ports.js';

export interface NetworkAdapters {
  /** Connectors that act out on each network (reply, hide, block …). */
  readonly connectors: readonly NetworkConnector[];
  /** Background pollers (X mentions, RSS feeds); durable cursors live in the database. */
  readonly pollers: ReadonlyArray<{ readonly name: string; start(): void; stop(): Promise<void>; runOnce?(): Promise<void> }>;
  /** One line per network for the start-up report: on, or what to set. */
  readonly report: readonly string[];
}
