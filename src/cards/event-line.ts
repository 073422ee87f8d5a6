// One line per event for the thread under a card: "Ana Patel claimed", "Classified: Waste, complaint".
import type { Case } from '../domain/case.js';
import type { CaseEvent } from '../domain/events.js';
import type { Policy } from '../policy/policy-schema.js';
import { describeAnswer } from './escalation-answer-lines.js';

export function describeEvent(e: CaseEvent, c: Case, policy: Policy): string {
  const who = e.actor.name;
  switch (e.type) {
    case 'case.opened': return `Case opened from ${e.data.network}`;
    case 'case.claimed': return `${who} claimed`;
    case 'case.released': return `${who} released it to the queue`;
    case 'case.reassigned': return `${who} reassigned it to ${e.data.toName}`;
    case 'case.classified': return `Classified: ${serviceName(policy, e.data.serviceTag)}, ${kindName(policy, e.data.kind)}${e.data.note ? ` (${e.data.note})` : ''}`;
    case 'case.escalated': return `Escalated to ${targetName(policy, e.data.target)} by ${who}: ${e.data.reason}`;
    case 'case.escalation.acknowledged': return `${who} acknowledged the escalation (on it; the substantive answer is still to come)${e.data.note ? `: ${e.data.note}` : ''}`;
    case 'case.escalation.declined': return `${who} declined the escalation: ${e.data.reason}`;
    case 'case.safeguarding.dismissed': return `${who} ruled this not a safeguarding concern: ${e.data.reason}`;
    case 'case.reply.requested': return e.data.forEscalation ? `${who} drafted a reply for the service, waiting for comms' sign-off: ${e.data.text}` : e.data.signpost ? `${e.data.awaitingApproval ? `${who} drafted` : `${who} sent`} a ${e.data.signpost.kind === 'report_online' ? '"report it online"' : 'signposting'} reply (${e.data.signpost.templateId}): ${e.data.text}` : e.data.awaitingApproval ? `${who} drafted a reply, waiting for a manager's approval (pre-election period)` : `${who} sent a reply for posting: ${e.data.text}`;
    case 'case.reply.approved': return `${who} approved the reply`;
    case 'case.reply.rejected': return `${who} sent the reply back: ${e.data.reason}`;
    case 'case.reply.sent': return `Reply sent: ${c.replies.find((r) => r.id === e.data.replyId)?.text ?? e.data.replyId}`;
    case 'case.reply.failed': return `Reply failed: ${e.data.error}`;
    case 'case.moderation.requested': return `${who} asked to ${e.data.action} (${ruleTitle(policy, e.data.ruleId)})${e.data.awaitingApproval ? ', waiting for approval' : ''}`;
    case 'case.moderation.approved': return `${who} approved the moderation`;
    case 'case.moderation.rejected': return `${who} rejected the moderation: ${e.data.reason}`;
    case 'case.moderation.done': return `Moderation done on the network (${c.moderation.find((m) => m.id === e.data.moderationId)?.action ?? e.data.moderationId})`;
    case 'case.moderation.failed': return `Moderation failed: ${e.data.error}`;
    case 'case.waiting': return `${who} is waiting on the resident: ${e.data.reason}`;
    case 'case.resumed': return `${who} resumed the case`;
    case 'case.closed': return `${who} closed it: ${e.data.outcome}${e.data.note ? ` (${e.data.note})` : ''}`;
    case 'case.reopened': return `${who} reopened it${e.data.reason ? `: ${e.data.reason}` : ''}`;
    case 'case.noted': return e.data.text;
    case 'case.police.decided': return e.data.decision === 'referred'
      ? `${who} told the police${e.data.reference ? ` (reference ${e.data.reference})` : ''}: ${e.data.reason}`
      : `${who} decided not to tell the police: ${e.data.reason}`;
    case 'case.reputation.flagged': return `High reputational risk (${e.data.reasons.join('; ')}): routed to the comms manager, offered for leadership escalation (001 triage matrix option 5)`;
    case 'case.deadline.set': return e.data.due ? `Deadline set: ${e.data.name}` : `Deadline cleared: ${e.data.name}`;
    case 'case.escalation.answered':
    case 'case.escalation.passed':
    case 'case.escalation.handed_over':
    case 'case.leadership.answered': return describeAnswer(e, c);
    case 'case.personal-data.erased': return e.data.heldBack ? `Personal data kept (${e.data.trigger}): ${e.data.heldBack}` : `Personal data erased (${e.data.trigger}, ${e.data.lawfulBasis})`;
  }
}

export function serviceName(policy: Policy, tag: string): string {
  return policy.services.find((s) => s.tag === tag)?.name ?? tag;
}

export function kindName(policy: Policy, kind: string): string {
  return policy.kinds.find((k) => k.id === kind)?.name ?? kind;
}

export function ruleTitle(policy: Policy, ruleId: string): string {
  return policy.houseRules.find((r) => r.id === ruleId)?.title ?? ruleId;
}

export function targetName(policy: Policy, t: Case['escalations'][number]['target']): string {
  if (t.type === 'leadership') return 'leadership';
  if (t.type === 'safeguarding') return 'the safeguarding lead';
  return `the ${serviceName(policy, t.serviceTag)} service lead`;
}
