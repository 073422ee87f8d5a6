// What the network side (Facebook, Instagram, X, RSS …) gives the composition root.
import type { ReplayReader } from '../adapters/networks/shared/replay-unreadable.js';
import type { UnreadableChanges } from '../services/network-state-ports.js';
import type { NetworkConnector } from '../services/ports.js';

export interface NetworkAdapters {
  /** Connectors that act out on each network (reply, hide, block …). */
  readonly connectors: readonly NetworkConnector[];
  /** Background pollers (X mentions, RSS feeds); durable cursors live in the database. */
  readonly pollers: ReadonlyArray<{ readonly name: string; start(): void; stop(): Promise<void>; runOnce?(): Promise<void> }>;
  /** One line per network for the start-up report: on, or what to set. */
  readonly report: readonly string[];
  /** What the networks sent that the desk could not read, kept whole. */
  readonly unreadable: UnreadableChanges;
  /** Per source: its reader, to replay a kept change once the parser is fixed. */
  readonly readers: Readonly<Record<string, ReplayReader>>;
}
