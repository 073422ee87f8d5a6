// Owns the approval request in a card's thread: what needs a manager's yes, and Approve/Reject while it waits.
import type { types } from '@slack/bolt';
import { buildApprovalRequest, type ApprovalRequest, type ApprovalSubject } from '../../cards/build-approval-request.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { CaseView } from '../../services/load-case-view.js';
import { renderButtonRows } from './render-buttons.js';
import type { SlackMessage } from './render-escalation-blocks.js';
import { escapeAndCut, escapeSlack, mrkdwn, quoteAndCut } from './slack-text.js';

export { approvalPurpose, type ApprovalSubject } from '../../cards/build-approval-request.js';

export function renderApprovalMessage(view: CaseView, subject: ApprovalSubject, policy: Policy, notify: readonly string[]): SlackMessage | null {
  const req = buildApprovalRequest(view.case, view.card, subject, policy);
  if (!req) return null;
  const lead = notify.length ? `${notify.join(' ')} ` : '';
  const quote = req.quote ? `\n${quoteAndCut(req.quote, 2500).text}` : '';
  const blocks: types.KnownBlock[] = [{ type: 'section', block_id: 'ask', text: mrkdwn(lead + askText(req) + quote) }];
  if (req.waiting && req.buttons.length) blocks.push(...renderButtonRows(view.card.caseId, view.card.version, req.buttons, 'approval-actions'));
  else blocks.push({ type: 'context', block_id: 'status', elements: [mrkdwn(escapeAndCut(req.status, 1000).text)] });
  return { text: `Approval needed on ${escapeSlack(view.card.title)}`, blocks };
}

function askText(req: ApprovalRequest): string {
  const who = `*${escapeSlack(req.askedBy)}*`;
  if (req.asks.kind === 'reply') return `${who} asks for approval to send this ${req.asks.visibility} reply (pre-election period):`;
  return `${who} asks to *${req.asks.action}* this post for breaking the house rule _${escapeSlack(req.asks.rule)}_.`;
}
