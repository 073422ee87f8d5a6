// Owns the port intake writes through: a batch of mentions, their cases, events and outbox items in a few
// set-based statements (src/store/pg-intake-store.ts), apart from the per-table repositories in ports.ts.
import type { Case } from '../domain/case.js';
import type { CaseEvent, IdentifiedCaseEvent } from '../domain/events.js';
import type { AccountSeen } from './account-seen.js';
import type { MentionArrival } from './mention-arrival.js';
import type { OutboxItem } from './outbox-item.js';

/** What intake's look found for a mention: not stored yet (the case number it is to open), or stored with its case. */
export type IntakeClaim =
  | { readonly inserted: true; readonly caseId: string }
  | { readonly inserted: false; readonly existingId: string; readonly caseId: string };

/** A case on a topic, by when its post was made (surge detection). */
export interface CaseOnTopic {
  readonly caseId: string;
  readonly topic: string;
  readonly postedAt: Date;
}

/** What intake stores for the mentions its look found new: all of it, or none. */
export interface IntakeBatch {
  readonly mentions: readonly MentionArrival[];
  readonly cases: readonly Case[];
  readonly sightings: readonly { readonly account: AccountSeen; readonly at: Date }[];
  readonly events: readonly IdentifiedCaseEvent[];
  readonly outbox: readonly OutboxItem[];
}

/**
 * Intake's reads and writes in one statement each, sent on their own (autocommit), whatever the batch's size
 * (issue 13): each statement is a round trip, and a transaction held open across them waits on the desk's CPU.
 */
export interface IntakeStore {
  /**
   * For each mention, its stored copy and case, or (not stored yet) a new case number, ascending in the order
   * given. `recent`: for each topic of the mentions not stored yet, up to `surge.limit` stored cases posted since
   * `surge.since`, oldest first (as MentionRepository.recentOnTopic): with the cases about to be opened, what a
   * surge is judged on. One statement. Keys must be distinct.
   */
  look(arrivals: readonly MentionArrival[], surge: { readonly since: Date; readonly limit: number }): Promise<{ claims: IntakeClaim[]; recent: CaseOnTopic[] }>;
  /** The events with the ids store will store them under: side effects are planned from these. */
  identify(events: readonly CaseEvent[]): IdentifiedCaseEvent[];
  /**
   * The mentions look found new, their cases, their authors' sightings (one per case), events and outbox items, in
   * one statement: all of it, or (IntakeRaceError, when another request stored one of the mentions since the look)
   * none of it.
   */
  store(batch: IntakeBatch): Promise<void>;
}
