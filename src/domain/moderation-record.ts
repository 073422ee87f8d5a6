// Owns the shape of one account's moderation record across its cases: breaches with their evidence, warnings sent, blocks in force.
import type { ModerationActionKind } from './case.js';

/** The post a breach was about, as it arrived: kept in the mentions table, not copied, so it survives a hide or delete. */
export interface BreachEvidence {
  readonly mentionId: string;
  readonly network: string;
  readonly url: string;
  readonly text: string;
  /** The author's name and handle when they posted it (002 §6.3.3 step 1). */
  readonly authorName: string;
  readonly authorHandle: string;
  readonly postedAt: string;
}

/** One house rule broken on one case; several actions (hide, then warn) on the case for that rule are one breach. */
export interface RecordedBreach {
  readonly caseId: string;
  readonly ruleId: string;
  /** When it was first recorded: the first moderation request for this rule on this case. */
  readonly at: Date;
  /** Each action asked for (a rejected request is not counted), with when the network carried it out. */
  readonly actions: ReadonlyArray<{ readonly moderationId: string; readonly action: ModerationActionKind; readonly doneAt: Date | null }>;
  readonly evidence: BreachEvidence;
}

export interface RecordedWarning {
  readonly caseId: string;
  readonly ruleId: string;
  /** When the private message went. */
  readonly at: Date;
}

export interface RecordedBlock {
  readonly caseId: string;
  readonly moderationId: string;
  readonly ruleId: string;
  /** When the network carried the block out; the appeal date follows from it (policy `appealDate`). */
  readonly at: Date;
}

/**
 * Everything recorded against one author key ('network:authorId'). The same person is known only by the
 * same key for now: a resident on Facebook and on X has two records until accounts are linked.
 * Structurally the moderation ladder's `AccountHistory` (breaches, warnings, blocked).
 */
export interface ModerationRecord {
  readonly authorKey: string;
  /** Oldest first. */
  readonly breaches: readonly RecordedBreach[];
  readonly warnings: number;
  readonly warningsSent: readonly RecordedWarning[];
  readonly blocked: boolean;
  /** Blocks carried out since the last unblock, oldest first; empty when not blocked. */
  readonly blocks: readonly RecordedBlock[];
}

export function emptyModerationRecord(authorKey: string): ModerationRecord {
  return { authorKey, breaches: [], warnings: 0, warningsSent: [], blocked: false, blocks: [] };
}

/**
 * The record as it stood apart from one case: what the ladder weighs a breach on that case against, and
 * what its card calls "earlier". A block stays, wherever it was made: it is the account's standing.
 */
export function recordApartFrom(record: ModerationRecord, caseId: string): ModerationRecord {
  const warningsSent = record.warningsSent.filter((w) => w.caseId !== caseId);
  return { ...record, breaches: record.breaches.filter((b) => b.caseId !== caseId), warningsSent, warnings: warningsSent.length };
}
