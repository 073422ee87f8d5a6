// Owns the port a case command saves through: the case on condition that it is still at the version decided on,
// with its events and outbox items, as one statement (src/store/pg-case-changes.ts), apart from the per-table
// repositories in ports.ts. One statement is one round trip, and every command on a case waits for the last save.
import type { Case } from '../domain/case.js';
import type { AppendedCaseEvent, CaseEvent, IdentifiedCaseEvent } from '../domain/events.js';
import type { OutboxItem } from './outbox-item.js';

export interface CaseChange {
  /** The case as it is to be saved: its version past `expectedVersion`. */
  readonly case: Case;
  readonly expectedVersion: number;
  readonly events: readonly IdentifiedCaseEvent[];
  readonly outbox: readonly OutboxItem[];
}

/** A save's outcome: its events as stored, or, when another writer saved first, the case as that writer left it. */
export type CaseChangeOutcome =
  | { readonly saved: true; readonly events: AppendedCaseEvent[] }
  | { readonly saved: false; readonly current: Case | null };

export interface CaseChangeStore {
  /** Ids for events about to be saved, so the outbox items planned from them can go in the same statement. */
  identify(events: readonly CaseEvent[]): IdentifiedCaseEvent[];
  /**
   * Saves the case only if the stored one is still at `expectedVersion`, and then its events and outbox items.
   * When another writer saved first nothing is written, and the answer is the case as committed after that
   * writer (null: there is none), read by the same statement, so the command is decided again without a read
   * of its own. Atomic by itself; inside a transaction, part of it.
   */
  save(change: CaseChange): Promise<CaseChangeOutcome>;
}
