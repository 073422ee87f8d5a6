// Owns the port for lists of cases the web desk shows: the queue, my cases and search, with the filters search offers.
import { z } from 'zod';
import { storable } from '../domain/storable-text.js';
import { CASE_STATES } from '../domain/case.js';
import { MENTION_KINDS, networkNameSchema } from '../domain/mention.js';

/** Search filters as a query string gives them: each one checked, a wrong one named (400). */
export const caseFilterSchema = z.object({
  text: storable(z.string().trim().max(200)).optional(),
  author: storable(z.string().trim().max(200)).optional(),
  service: storable(z.string().trim().max(64)).optional(),
  kind: storable(z.string().trim().max(64)).optional(),
  state: z.enum(CASE_STATES).optional(),
  network: networkNameSchema.optional(),
  mentionKind: z.enum(MENTION_KINDS).optional(),
  from: z.iso.date('a date as YYYY-MM-DD').optional(),
  to: z.iso.date('a date as YYYY-MM-DD').optional(),
});

export type CaseFilter = z.infer<typeof caseFilterSchema> & { readonly ownerId?: string; readonly states?: readonly string[] };

export interface CaseListRow {
  readonly id: string;
  readonly state: string;
  readonly network: string;
  readonly authorName: string;
  readonly authorHandle: string;
  readonly text: string;
  readonly openedAt: string;
  readonly postedAt: string;
  readonly firstResponseDue: string | null;
  readonly ownerName: string | null;
  readonly serviceTag: string | null;
  readonly kind: string | null;
}

export interface CaseListing {
  /** Oldest first (the queue's order), at most `limit`; dates are whole days in `timeZone`. */
  list(filter: CaseFilter, options: { readonly limit: number; readonly timeZone: string; readonly newestFirst?: boolean }): Promise<CaseListRow[]>;
}
