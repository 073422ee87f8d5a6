// The transition table: which decision answers each command, after the permission check.
import type { Case } from './case.js';
import type { CaseCommand } from './commands.js';
import { EventBuilder, rejected, type Decision, type DecisionContext } from './decision.js';
import { checkPermission } from './guards.js';
import { decideClaim, decideClose, decideReassign, decideRelease, decideReopen, decideResume, decideWait } from './decisions/lifecycle.js';
import { decideModerate, decideModerationOutcome, decideModerationVerdict } from './decisions/moderation.js';
import { decideApproveReply, decideReplyOutcome, decideSubmitReply } from './decisions/replies.js';
import { decideServiceAnswer } from './decisions/escalation-answers.js';
import { decidePoliceReferral, decideReputationFlag } from './decisions/danger-and-reputation.js';
import { decideAnswerEscalation, decideClassify, decideDismissSafeguarding, decideEscalate } from './decisions/triage.js';

export function decideCaseCommand(c: Case, cmd: CaseCommand, ctx: DecisionContext): Decision {
  const denied = checkPermission(cmd.type, ctx);
  if (denied) return rejected(denied);
  switch (cmd.type) {
    case 'case.claim': return decideClaim(c, ctx);
    case 'case.release': return decideRelease(c, ctx);
    case 'case.reassign': return decideReassign(c, cmd, ctx);
    case 'case.wait': return decideWait(c, cmd, ctx);
    case 'case.resume': return decideResume(c, ctx);
    case 'case.close': return decideClose(c, cmd, ctx);
    case 'case.reopen': return decideReopen(c, cmd, ctx);
    case 'case.classify': return decideClassify(c, cmd, ctx);
    case 'case.escalate': return decideEscalate(c, cmd, ctx);
    case 'case.escalation.acknowledge':
    case 'case.escalation.decline': return decideAnswerEscalation(c, cmd, ctx);
    case 'case.safeguarding.dismiss': return decideDismissSafeguarding(c, cmd, ctx);
    case 'case.reply.submit': return decideSubmitReply(c, cmd, ctx);
    case 'case.reply.approve':
    case 'case.reply.reject': return decideApproveReply(c, cmd, ctx);
    case 'case.reply.sent':
    case 'case.reply.failed': return decideReplyOutcome(c, cmd, ctx);
    case 'case.moderate': return decideModerate(c, cmd, ctx);
    case 'case.moderation.approve':
    case 'case.moderation.reject': return decideModerationVerdict(c, cmd, ctx);
    case 'case.moderation.done':
    case 'case.moderation.failed': return decideModerationOutcome(c, cmd, ctx);
    case 'case.escalation.answer':
    case 'case.escalation.draft':
    case 'case.escalation.pass':
    case 'case.escalation.handover':
    case 'case.leadership.answer': return decideServiceAnswer(c, cmd, ctx);
    case 'case.police.refer': return decidePoliceReferral(c, cmd, ctx);
    case 'case.reputation.flag': return decideReputationFlag(c, cmd, ctx);
    case 'case.note': return new EventBuilder(c, ctx).add('case.noted', { text: cmd.text }, cmd.rule).accept();
  }
}
