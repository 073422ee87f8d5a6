// Owns the approval request in a card's thread: what needs a manager's yes, and Approve/Reject while it waits.
import type { types } from '@slack/bolt';
import { ruleTitle } from '../../cards/event-line.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { CaseView } from '../../services/load-case-view.js';
import { renderButtonRows } from './render-buttons.js';
import type { SlackMessage } from './render-escalation-blocks.js';
import { escapeAndCut, escapeSlack, mrkdwn, quoteAndCut } from './slack-text.js';

export type ApprovalSubject = { readonly replyId: string } | { readonly moderationId: string };

export function approvalPurpose(subject: ApprovalSubject): string {
  return `approval:${'replyId' in subject ? subject.replyId : subject.moderationId}`;
}

export function renderApprovalMessage(view: CaseView, subject: ApprovalSubject, policy: Policy, notify: readonly string[]): SlackMessage | null {
  const ask = 'replyId' in subject ? replyAsk(view, subject.replyId) : moderationAsk(view, subject.moderationId, policy);
  if (!ask) return null;
  const lead = notify.length ? `${notify.join(' ')} ` : '';
  const blocks: types.KnownBlock[] = [{ type: 'section', block_id: 'ask', text: mrkdwn(lead + ask.text) }];
  const id = 'replyId' in subject ? subject.replyId : subject.moderationId;
  const buttons = view.card.actions.filter((b) => b.args?.['replyId'] === id || b.args?.['moderationId'] === id);
  if (ask.waiting && buttons.length) blocks.push(...renderButtonRows(view.card.caseId, view.card.version, buttons, 'approval-actions'));
  else blocks.push({ type: 'context', block_id: 'status', elements: [mrkdwn(ask.status)] });
  return { text: `Approval needed on ${escapeSlack(view.card.title)}`, blocks };
}

interface Ask {
  readonly text: string;
  readonly waiting: boolean;
  readonly status: string;
}

function replyAsk(view: CaseView, replyId: string): Ask | null {
  const r = view.case.replies.find((x) => x.id === replyId);
  if (!r) return null;
  return {
    text: `*${escapeSlack(r.by)}* asks for approval to send this ${r.visibility} reply (pre-election period):\n${quoteAndCut(r.text, 2500).text}`,
    waiting: r.status === 'awaiting_approval',
    status: `Reply ${r.status.replace('_', ' ')}${r.error ? `: ${escapeAndCut(r.error, 500).text}` : ''}`,
  };
}

function moderationAsk(view: CaseView, moderationId: string, policy: Policy): Ask | null {
  const m = view.case.moderation.find((x) => x.id === moderationId);
  if (!m) return null;
  const note = m.note && m.status === 'awaiting_approval' ? `\n${quoteAndCut(m.note, 1000).text}` : '';
  return {
    text: `*${escapeSlack(m.requestedBy)}* asks to *${m.action}* this post for breaking the house rule _${escapeSlack(ruleTitle(policy, m.ruleId))}_.${note}`,
    waiting: m.status === 'awaiting_approval',
    status: `${m.action}: ${m.status.replace('_', ' ')}${m.decidedBy ? ` by ${escapeSlack(m.decidedBy)}` : ''}${m.status !== 'awaiting_approval' && m.note ? ` (${escapeAndCut(m.note, 500).text})` : ''}`,
  };
}
