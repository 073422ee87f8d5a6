// The store's side of data protection: finding a person's cases, removing their words, pruning what is finished.
import type { Case } from '../domain/case.js';

export interface ErasedCaseData {
  /** Personal fields emptied in the event log (their digests stay in the hashed events). */
  readonly eventFields: number;
  /** Finished outbox items of the case deleted (their payloads quoted the resident). */
  readonly outboxItems: number;
}

export interface PersonalDataStore {
  /** Every case opened from this author's posts, oldest first. */
  casesOfAuthor(authorKey: string): Promise<Case[]>;
  /** Closed cases whose mention still holds the resident's words, closed before `closedBefore`, oldest first from after `after`. */
  closedUnredacted(closedBefore: Date, after: { closedAt: string; id: string } | null, limit: number): Promise<Case[]>;
  /** Removes the case's resident data: event fields, the mention's words and author, finished outbox items. */
  eraseCase(caseId: string, mentionId: string, erasureId: string, at: Date): Promise<ErasedCaseData>;
  /** The author's account row (name, handle, followers): gone once none of their cases is kept. */
  forgetAccount(authorKey: string): Promise<boolean>;
  pruneOutbox(finishedBefore: Date, dryRun: boolean): Promise<number>;
  pruneUnreadable(receivedBefore: Date, dryRun: boolean): Promise<number>;
}
