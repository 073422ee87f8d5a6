// Owns the chat.approval.request outbox kind on Teams: an approval card in the case card's thread that
// notifies the approvers (comms managers; leadership for lifting a block), with Approve/Reject.
import { PermanentError } from '../../services/errors.js';
import { payloadString, requireCaseView } from '../../services/load-case-view.js';
import type { OutboxHandler } from '../../services/outbox-handler.js';
import { loadPersonalView } from './load-personal-view.js';
import { approvalPurpose, renderApprovalCard, type ApprovalSubject } from './render-approval-card.js';
import { sendTeamsMessage } from './send-teams-message.js';
import { approverMentions } from './teams-destinations.js';
import type { TeamsDeps } from './teams-deps.js';
import { cardThread } from './outbox-thread-line.js';

export function createApprovalRequestHandler(deps: TeamsDeps): OutboxHandler {
  return (job) => {
    const caseId = payloadString(job.payload, 'caseId');
    const replyId = job.payload['replyId'];
    const subject: ApprovalSubject = typeof replyId === 'string' ? { replyId } : { moderationId: payloadString(job.payload, 'moderationId') };
    return deps.locks.run(caseId, () => requestApproval(deps, caseId, subject));
  };
}

async function requestApproval(deps: TeamsDeps, caseId: string, subject: ApprovalSubject): Promise<Record<string, unknown>> {
  const thread = await cardThread(deps, caseId, 'the approval request');
  const view = await requireCaseView(deps.ctx, caseId);
  const action = 'moderationId' in subject ? (view.case.moderation.find((m) => m.id === subject.moderationId)?.action ?? null) : null;
  const card = renderApprovalCard(view, subject, deps.ctx.policy, approverMentions(deps.ctx.policy, action), await loadPersonalView(deps, view));
  if (!card) throw new PermanentError(`nothing to approve for ${JSON.stringify(subject)} on ${caseId}`);
  const posted = await sendTeamsMessage(deps, { caseId, purpose: approvalPurpose(subject), conversationId: thread.conversationId, threadId: thread.rootId, card, redraw: true });
  return { conversation: posted.channel, activityId: posted.ts };
}
