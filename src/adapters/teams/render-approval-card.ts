// Owns the approval request in a Teams card's thread: what needs a manager's yes, naming the approvers, and
// Approve/Reject (or send back) while it waits; its outcome afterwards.
import { ruleTitle } from '../../cards/event-line.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { CaseView } from '../../services/load-case-view.js';
import { adaptiveCard, textBlock, type AcElement, type AdaptiveCard } from './adaptive-elements.js';
import { renderButtonSets } from './render-card-buttons.js';
import { safeText, type TeamsMention } from './teams-text.js';

export type ApprovalSubject = { readonly replyId: string } | { readonly moderationId: string };

export function approvalPurpose(subject: ApprovalSubject): string {
  return `approval:${'replyId' in subject ? subject.replyId : subject.moderationId}`;
}

export function renderApprovalCard(view: CaseView, subject: ApprovalSubject, policy: Policy, notify: readonly TeamsMention[]): AdaptiveCard | null {
  const ask = 'replyId' in subject ? replyAsk(view, subject.replyId) : moderationAsk(view, subject.moderationId, policy);
  if (!ask) return null;
  const lead = notify.length ? `${notify.map((m) => m.text).join(' ')} ` : '';
  const body: AcElement[] = [textBlock(`Approval needed · ${safeText(view.card.title, 200)}`, { id: 'title', weight: 'Bolder' }), textBlock(lead + ask.text, { id: 'ask' })];
  if (ask.quote) body.push(textBlock(safeText(ask.quote, 2500), { id: 'quote', spacing: 'Small' }));
  const id = 'replyId' in subject ? subject.replyId : subject.moderationId;
  const buttons = view.card.actions.filter((b) => b.args?.['replyId'] === id || b.args?.['moderationId'] === id);
  if (ask.waiting && buttons.length) {
    body.push(...renderButtonSets(buttons, { caseId: view.card.caseId, version: view.card.version, view: approvalPurpose(subject) }, 'approval-actions'));
  } else {
    body.push(textBlock(ask.status, { id: 'status', weight: 'Bolder' }));
  }
  return adaptiveCard(body, { mentions: notify });
}

interface Ask {
  readonly text: string;
  readonly quote: string | null;
  readonly waiting: boolean;
  readonly status: string;
}

function replyAsk(view: CaseView, replyId: string): Ask | null {
  const r = view.case.replies.find((x) => x.id === replyId);
  if (!r) return null;
  return {
    text: `**${safeText(r.by, 200)}** asks for approval to send this ${r.visibility} reply (pre-election period):`,
    quote: r.text,
    waiting: r.status === 'awaiting_approval',
    status: `Reply ${r.status.replace('_', ' ')}${r.error ? `: ${safeText(r.error, 500)}` : ''}`,
  };
}

function moderationAsk(view: CaseView, moderationId: string, policy: Policy): Ask | null {
  const m = view.case.moderation.find((x) => x.id === moderationId);
  if (!m) return null;
  const decided = m.decidedBy ? ` by ${safeText(m.decidedBy, 200)}` : '';
  const note = m.status !== 'awaiting_approval' && m.note ? ` (${safeText(m.note, 500)})` : '';
  return {
    text: `**${safeText(m.requestedBy, 200)}** asks to **${m.action}** this post for breaking the house rule _${safeText(ruleTitle(policy, m.ruleId), 200)}_.`,
    quote: m.note && m.status === 'awaiting_approval' ? m.note : null,
    waiting: m.status === 'awaiting_approval',
    status: `${m.action}: ${m.status.replace('_', ' ')}${decided}${note}`,
  };
}
