// Owns the chat.approval.request outbox kind on Slack: an approval request in the card's thread that
// notifies the approvers (comms managers; leadership for lifting a block), with the Approve/Reject buttons.
import { PermanentError } from '../../services/errors.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { payloadString, requireCaseView } from '../../services/load-case-view.js';
import { withSlackErrors } from './map-slack-error.js';
import { TRIAGE_PURPOSE } from './outbox-card-refresh.js';
import { CardNotPostedError } from './outbox-thread-line.js';
import { approvalPurpose, renderApprovalMessage, type ApprovalSubject } from './render-approval-blocks.js';
import { sendCaseMessage } from './send-case-message.js';
import type { SlackDeps } from './slack-deps.js';
import { approverMentions } from './slack-destinations.js';

export function createApprovalRequestHandler(deps: SlackDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    const replyId = job.payload['replyId'];
    const subject: ApprovalSubject = typeof replyId === 'string' ? { replyId } : { moderationId: payloadString(job.payload, 'moderationId') };
    return deps.locks.run(caseId, () => withSlackErrors(() => requestApproval(deps, caseId, subject)));
  };
}

async function requestApproval(deps: SlackDeps, caseId: string, subject: ApprovalSubject): Promise<Record<string, unknown>> {
  const card = await deps.cardMessages.get(caseId, 'slack', TRIAGE_PURPOSE);
  if (!card?.messageId) throw new CardNotPostedError(`the card of ${caseId} is not in Slack yet; the approval request waits for it`);
  const view = await requireCaseView(deps.ctx, caseId);
  const action = 'moderationId' in subject ? (view.case.moderation.find((m) => m.id === subject.moderationId)?.action ?? null) : null;
  const message = renderApprovalMessage(view, subject, deps.ctx.policy, approverMentions(deps.ctx.policy, action));
  if (!message) throw new PermanentError(`nothing to approve for ${JSON.stringify(subject)} on ${caseId}`);
  const posted = await sendCaseMessage(deps, { caseId, purpose: approvalPurpose(subject), channel: card.channel, threadTs: card.messageId, ...message });
  return { channel: posted.channel, ts: posted.ts };
}
