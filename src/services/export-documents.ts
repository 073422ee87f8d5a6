// Owns the shapes of the documents the desk exports (a case for an FOI request, complaint or ombudsman; a subject's
// data under UK GDPR Art 15): what export-case.ts and export-subject.ts build and render-export-html.ts renders.
import type { Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { ModerationRecord } from '../domain/moderation-record.js';
import type { CaseProof } from './case-proof.js';
import type { AccountRecord } from './export-ports.js';

export interface ExportedEvent {
  readonly seq: number;
  readonly at: string;
  readonly type: string;
  readonly who: string;
  readonly personId: string;
  readonly surface: string;
  readonly rule: string | null;
  readonly data: unknown;
}

export interface CaseExport {
  readonly kind: 'mention-desk.case-export';
  readonly version: 1;
  readonly council: string;
  readonly exportedAt: string;
  readonly case: Case;
  /** The post as the desk keeps it (with its parent's text): "[erased]" where an erasure removed it. */
  readonly post: Mention | null;
  readonly events: readonly ExportedEvent[];
  readonly repliesAsSent: Case['replies'];
  /** The post as it was kept before any hide or delete, with the actions taken; null without moderation. */
  readonly moderationEvidence: { readonly post: Mention | null; readonly actions: Case['moderation'] } | null;
  readonly proof: CaseProof;
  readonly howToCheck: string;
}

export interface SubjectCase {
  readonly caseId: string;
  readonly post: Mention | null;
  readonly state: Case['state'];
  readonly openedAt: string;
  readonly closedAt: string | null;
  readonly classification: Case['classification'];
  readonly repliesSentToThem: Case['replies'];
  readonly moderation: Case['moderation'];
  readonly events: readonly ExportedEvent[];
  readonly retention: { readonly recordClass: string; readonly deleteAfter: string | null; readonly heldFromErasure: string | null; readonly source: string };
}

export interface SubjectExport {
  readonly kind: 'mention-desk.subject-export';
  readonly version: 1;
  readonly council: string;
  readonly exportedAt: string;
  readonly subject: { readonly network: string; readonly authorId: string; readonly authorKey: string };
  readonly lawfulBasis: string;
  readonly account: AccountRecord | null;
  readonly cases: readonly SubjectCase[];
  readonly moderationRecord: ModerationRecord;
}
