// Owns which fields of each event hold a resident's personal data: who they are, or free text that may quote them.
import type { CaseEventType } from './events.js';

/** What an erased field reads as, in the history, on the card and in exports. */
export const ERASED_TEXT = '[erased]';

/**
 * Top-level keys of `data` per event type. The store keeps these apart from the hashed event (a salted digest
 * stands in their place), so they can be erased without breaking the chain. Notes and reasons are staff's words,
 * but staff quote residents in them ("says her son …"), so they count.
 */
export const PERSONAL_EVENT_FIELDS: { readonly [K in CaseEventType]?: readonly string[] } = {
  'case.opened': ['authorKey'],
  'case.classified': ['note'],
  'case.escalated': ['reason'],
  'case.escalation.acknowledged': ['note'],
  'case.escalation.declined': ['reason'],
  'case.safeguarding.dismissed': ['reason'],
  'case.reply.requested': ['text'],
  'case.reply.rejected': ['reason'],
  'case.moderation.requested': ['note'],
  'case.moderation.rejected': ['reason'],
  'case.waiting': ['reason'],
  'case.closed': ['note'],
  'case.reopened': ['reason'],
  'case.noted': ['text'],
};

export function personalFieldsOf(type: string): readonly string[] {
  return PERSONAL_EVENT_FIELDS[type as CaseEventType] ?? [];
}

/** How a sealed field reads in the hashed event: 'sha256:' and the hex digest of its salt and value. */
export function isPersonalDigest(value: unknown): value is string {
  return typeof value === 'string' && /^sha256:[0-9a-f]{64}$/.test(value);
}
