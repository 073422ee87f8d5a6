// Decisions about replies: submitting one (after the reply rules passed), approval, and the network's answer.
import { hasRole } from '../actor.js';
import { isOpenEscalation, type Case, type Reply } from '../case.js';
import type { CaseCommand } from '../commands.js';
import { EventBuilder, rejected, type Decision, type DecisionContext } from '../decision.js';
import { checkOwnerOrManager, checkState, firstRefusal } from '../guards.js';
import { refuse } from '../refusal.js';
import { checkReplyOnce } from '../reply-once.js';

type Of<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export function decideSubmitReply(c: Case, cmd: Of<'case.reply.submit'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkState(c, ['claimed', 'waiting'], 'reply'),
    () => checkOwnerOrManager(c, ctx, 'reply'),
    () => (cmd.text.trim() ? null : refuse('invalid', 'reply:text', 'The reply is empty.')),
    () => checkReplyOnce(c, cmd, ctx.formatTime),
  );
  if (r) return rejected(r);
  const replyId = `rep-${c.replies.length + 1}`;
  const data = { replyId, text: cmd.text, visibility: cmd.visibility, awaitingApproval: cmd.needsApproval ?? false, ...(cmd.form ? { formKey: cmd.form.key } : {}), ...(cmd.signpost ? { signpost: cmd.signpost } : {}) };
  return new EventBuilder(c, ctx).add('case.reply.requested', data).accept();
}

/** A reply held for sign-off (purdah) is approved, or sent back, by a comms manager (004 §2). */
export function decideApproveReply(c: Case, cmd: Of<'case.reply.approve'> | Of<'case.reply.reject'>, ctx: DecisionContext): Decision {
  const found = findReply(c, cmd.replyId);
  if ('refusal' in found) return rejected(found.refusal);
  if (found.reply.status !== 'awaiting_approval') {
    return rejected(refuse('wrong_state', 'reply:awaiting-approval', `That reply is not waiting for approval (it is ${found.reply.status}).`));
  }
  const approvers = signsOff(found.reply);
  if (!hasRole(ctx.actor, ...approvers)) return rejected(refuse('not_permitted', `permission:${cmd.type}`, `Only a ${approvers.join(' or ').replaceAll('_', ' ')} can ${cmd.type === 'case.reply.approve' ? 'approve' : 'send back'} ${found.reply.forEscalation ? "a service's" : 'a'} reply.`));
  if (cmd.type === 'case.reply.approve') return approve(c, found.reply, ctx);
  if (!cmd.reason.trim()) return rejected(refuse('invalid', 'reply:reject-reason', 'Say why, so the officer can redraft it.'));
  return new EventBuilder(c, ctx).add('case.reply.rejected', { replyId: cmd.replyId, reason: cmd.reason.trim() }).accept();
}

export function decideReplyOutcome(c: Case, cmd: Of<'case.reply.sent'> | Of<'case.reply.failed'>, ctx: DecisionContext): Decision {
  const found = findReply(c, cmd.replyId);
  if ('refusal' in found) return rejected(found.refusal);
  if (found.reply.status !== 'sending') {
    return rejected(refuse('wrong_state', 'reply:sending', `Reply ${cmd.replyId} is ${found.reply.status}, not sending.`));
  }
  const b = new EventBuilder(c, ctx);
  if (cmd.type === 'case.reply.sent') return b.add('case.reply.sent', { replyId: cmd.replyId, networkReplyId: cmd.networkReplyId }).accept();
  return b.add('case.reply.failed', { replyId: cmd.replyId, error: cmd.error }).accept();
}

/** A service's draft is signed off by comms, officer or manager (001 matrix option 4); a pre-election reply by a manager (004 §2). */
function signsOff(reply: Reply): Array<'comms_manager' | 'comms_officer'> {
  return reply.forEscalation && !reply.managerOnly ? ['comms_officer', 'comms_manager'] : ['comms_manager'];
}

/** Approving a service's draft is its substantive answer: the escalation is answered by whoever wrote it. */
function approve(c: Case, reply: Reply, ctx: DecisionContext): Decision {
  const b = new EventBuilder(c, ctx).add('case.reply.approved', { replyId: reply.id });
  const esc = reply.forEscalation ? c.escalations.find((e) => e.id === reply.forEscalation) : undefined;
  if (esc && isOpenEscalation(esc)) b.add('case.escalation.answered', { escalationId: esc.id, facts: null, proposedReply: null, replyId: reply.id });
  return b.accept();
}

function findReply(c: Case, id: string): { reply: Reply } | { refusal: ReturnType<typeof refuse> } {
  const reply = c.replies.find((x) => x.id === id);
  return reply ? { reply } : { refusal: refuse('not_found', 'reply:exists', `There is no reply ${id} on this case.`) };
}
