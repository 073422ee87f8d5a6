// Owns the approval request in a Teams card's thread: what needs a manager's yes, naming the approvers, and
// Approve/Reject (or send back) while it waits; its outcome afterwards.
import { approvalPurpose, buildApprovalRequest, type ApprovalRequest, type ApprovalSubject } from '../../cards/build-approval-request.js';
import type { Policy } from '../../policy/policy-schema.js';
import type { CaseView } from '../../services/load-case-view.js';
import { adaptiveCard, textBlock, type AcElement, type AdaptiveCard } from './adaptive-elements.js';
import { refreshOf, shownButtons, type PersonalView } from './personal-view.js';
import { renderButtonSets } from './render-card-buttons.js';
import { safeText, type TeamsMention } from './teams-text.js';

export { approvalPurpose, type ApprovalSubject } from '../../cards/build-approval-request.js';

export function renderApprovalCard(view: CaseView, subject: ApprovalSubject, policy: Policy, notify: readonly TeamsMention[], personal: PersonalView = {}): AdaptiveCard | null {
  const req = buildApprovalRequest(view.case, view.card, subject, policy);
  if (!req) return null;
  const lead = notify.length ? `${notify.map((m) => m.text).join(' ')} ` : '';
  const body: AcElement[] = [textBlock(`Approval needed · ${safeText(view.card.title, 200)}`, { id: 'title', weight: 'Bolder' }), textBlock(lead + askText(req), { id: 'ask' })];
  if (req.quote) body.push(textBlock(safeText(req.quote, 2500), { id: 'quote', spacing: 'Small' }));
  if (req.waiting && req.buttons.length) {
    body.push(...renderButtonSets(shownButtons(req.buttons, personal), { caseId: view.card.caseId, version: view.card.version, view: approvalPurpose(subject) }, 'approval-actions'));
  } else {
    body.push(textBlock(safeText(req.status, 1000), { id: 'status', weight: 'Bolder' }));
  }
  return adaptiveCard(body, { mentions: notify, ...refreshOf(view.card.caseId, view.card.version, approvalPurpose(subject), personal) });
}

function askText(req: ApprovalRequest): string {
  const who = `**${safeText(req.askedBy, 200)}**`;
  if (req.asks.kind === 'reply') return `${who} asks for approval to send this ${req.asks.visibility} reply (pre-election period):`;
  return `${who} asks to **${req.asks.action}** this post for breaking the house rule _${safeText(req.asks.rule, 200)}_.`;
}
