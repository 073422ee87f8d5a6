// What an approval request says, for every surface: who asks for what, its state, and the buttons while it waits.
import type { Case } from '../domain/case.js';
import type { Policy } from '../policy/policy-schema.js';
import type { CardButton, CaseCard } from './card-model.js';
import { ruleTitle } from './event-line.js';

export type ApprovalSubject = { readonly replyId: string } | { readonly moderationId: string };

export interface ApprovalRequest {
  readonly askedBy: string;
  /** "send this public reply (pre-election period)" or "hide this post for breaking the house rule Spam". */
  readonly asks: { readonly kind: 'reply'; readonly visibility: string } | { readonly kind: 'moderation'; readonly action: string; readonly rule: string };
  /** The reply's text, or the requester's note, while it waits. */
  readonly quote: string | null;
  readonly waiting: boolean;
  /** Its outcome once decided: "Reply sent", "block: approved by Cara Lee". */
  readonly status: string;
  readonly buttons: readonly CardButton[];
}

export function approvalPurpose(subject: ApprovalSubject): string {
  return `approval:${subjectId(subject)}`;
}

export function buildApprovalRequest(c: Case, card: CaseCard, subject: ApprovalSubject, policy: Policy): ApprovalRequest | null {
  const id = subjectId(subject);
  const buttons = card.actions.filter((b) => b.args?.['replyId'] === id || b.args?.['moderationId'] === id);
  if ('replyId' in subject) {
    const r = c.replies.find((x) => x.id === id);
    if (!r) return null;
    const waiting = r.status === 'awaiting_approval';
    return { askedBy: r.by, asks: { kind: 'reply', visibility: r.visibility }, quote: r.text, waiting, status: `Reply ${r.status.replace('_', ' ')}${r.error ? `: ${r.error}` : ''}`, buttons };
  }
  const m = c.moderation.find((x) => x.id === id);
  if (!m) return null;
  const waiting = m.status === 'awaiting_approval';
  const decided = m.decidedBy ? ` by ${m.decidedBy}` : '';
  const note = !waiting && m.note ? ` (${m.note})` : '';
  return {
    askedBy: m.requestedBy,
    asks: { kind: 'moderation', action: m.action, rule: ruleTitle(policy, m.ruleId) },
    quote: waiting ? m.note : null,
    waiting,
    status: `${m.action}: ${m.status.replace('_', ' ')}${decided}${note}`,
    buttons,
  };
}

function subjectId(subject: ApprovalSubject): string {
  return 'replyId' in subject ? subject.replyId : subject.moderationId;
}
