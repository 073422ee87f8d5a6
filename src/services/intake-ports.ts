// Owns the port intake writes through: a batch of mentions, their cases, events and outbox items in a few
// set-based statements (src/store/pg-intake-store.ts), apart from the per-table repositories in ports.ts.
import type { Case } from '../domain/case.js';
import type { CaseEvent, IdentifiedCaseEvent } from '../domain/events.js';
import type { AccountSeen, MentionArrival, OutboxItem } from './ports.js';

/** What intake's claim found for a mention: stored now with a new case number, or stored before with its case. */
export type IntakeClaim =
  | { readonly inserted: true; readonly caseId: string }
  | { readonly inserted: false; readonly existingId: string; readonly caseId: string };

/** A case on a topic, by when its post was made (surge detection). */
export interface CaseOnTopic {
  readonly caseId: string;
  readonly topic: string;
  readonly postedAt: Date;
}

/**
 * Intake's writes in a few set-based statements whatever the batch's size (issue 13): each statement is a round
 * trip the transaction waits for, and intake's rate is bounded by how long its transaction takes.
 */
export interface IntakeStore {
  /**
   * Stores each mention not stored yet and numbers a new case for it (ascending in the order given); for the
   * others, the stored copy and its case. `recent`: for each topic of the new cases, up to `surge.limit` cases
   * posted since `surge.since`, oldest first (as MentionRepository.recentOnTopic), the new cases counted as if
   * stored: what a surge is judged on. One statement, two when another transaction committed a copy while this
   * one waited on it. Keys must be distinct.
   */
  claim(arrivals: readonly MentionArrival[], surge: { readonly since: Date; readonly limit: number }): Promise<{ claims: IntakeClaim[]; recent: CaseOnTopic[] }>;
  /** The events with the ids record will store them under: side effects are planned from these. */
  identify(events: readonly CaseEvent[]): IdentifiedCaseEvent[];
  /** New cases, their authors' sightings (one per case), their events and outbox items, in one statement. */
  record(batch: {
    readonly cases: readonly Case[];
    readonly sightings: readonly { readonly account: AccountSeen; readonly at: Date }[];
    readonly events: readonly IdentifiedCaseEvent[];
    readonly outbox: readonly OutboxItem[];
  }): Promise<void>;
}
