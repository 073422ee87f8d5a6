// Decisions that route a case: classify it, escalate it, and the target's answer.
import { hasRole, isSystem } from '../actor.js';
import { isOpenEscalation, type Case, type Escalation } from '../case.js';
import type { CaseCommand } from '../commands.js';
import { EventBuilder, rejected, type Decision, type DecisionContext } from '../decision.js';
import { checkNotClosed, checkOwnerOrManager, firstRefusal } from '../guards.js';
import { refuse, type Refusal } from '../refusal.js';
import { checkInService } from './escalation-answers.js';

type Of<T extends CaseCommand['type']> = Extract<CaseCommand, { type: T }>;

export function decideClassify(c: Case, cmd: Of<'case.classify'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkNotClosed(c, 'classify it'),
    () => (c.owner ? checkOwnerOrManager(c, ctx, 'classify it') : null),
  );
  if (r) return rejected(r);
  const data = { serviceTag: cmd.serviceTag, kind: cmd.kind, note: cmd.note ?? null };
  return new EventBuilder(c, ctx).add('case.classified', data).accept();
}

export function decideEscalate(c: Case, cmd: Of<'case.escalate'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkNotClosed(c, 'escalate it'),
    () => checkOwnerOrManager(c, ctx, 'escalate it'),
    () => (cmd.reason.trim() ? null : refuse('invalid', 'escalation:reason', 'Say why you are escalating: the reason goes to the person you escalate to.')),
    () => checkNoPendingTo(c, cmd.target),
  );
  if (r) return rejected(r);
  const escalationId = `esc-${c.escalations.length + 1}`;
  const proposal = cmd.target.type === 'leadership' && cmd.proposal ? { proposal: cmd.proposal } : {};
  return new EventBuilder(c, ctx).add('case.escalated', { escalationId, target: cmd.target, reason: cmd.reason.trim(), ...proposal }).accept();
}

export function decideAnswerEscalation(
  c: Case,
  cmd: Of<'case.escalation.acknowledge'> | Of<'case.escalation.decline'>,
  ctx: DecisionContext,
): Decision {
  const esc = c.escalations.find((e) => e.id === cmd.escalationId);
  if (!esc) return rejected(refuse('not_found', 'escalation:exists', `There is no escalation ${cmd.escalationId} on this case.`));
  // Acknowledging is "on it" once; declining is open until the escalation is answered.
  const answerable = cmd.type === 'case.escalation.acknowledge' ? esc.status === 'pending' : isOpenEscalation(esc);
  const r = firstRefusal(
    () => (answerable ? null : refuse('wrong_state', 'escalation:pending', `This escalation was already ${esc.status} by ${esc.answeredBy ?? 'someone'}.`)),
    () => checkIsTarget(esc, ctx),
  );
  if (r) return rejected(r);
  const b = new EventBuilder(c, ctx);
  if (cmd.type === 'case.escalation.acknowledge') return b.add('case.escalation.acknowledged', { escalationId: esc.id, note: cmd.note ?? null }).accept();
  if (!cmd.reason.trim()) return rejected(refuse('invalid', 'escalation:decline-reason', 'Say why you are declining, so the comms team can route it elsewhere.'));
  return b.add('case.escalation.declined', { escalationId: esc.id, reason: cmd.reason.trim() }).accept();
}

/**
 * The safeguarding lead rules a referral is not a safeguarding concern, saying why: the false alarm the
 * desk accepts so that no concern is missed costs them this one click, and the ruling is on the record
 * (and teaches the suggestions). Only on a pending safeguarding referral, only by its target.
 */
export function decideDismissSafeguarding(c: Case, cmd: Of<'case.safeguarding.dismiss'>, ctx: DecisionContext): Decision {
  const esc = c.escalations.find((e) => e.id === cmd.escalationId);
  if (!esc) return rejected(refuse('not_found', 'escalation:exists', `There is no escalation ${cmd.escalationId} on this case.`));
  const r = firstRefusal(
    () => (esc.target.type === 'safeguarding' ? null : refuse('invalid', 'safeguarding:referral', 'Only a safeguarding referral can be ruled not a safeguarding concern.')),
    () => (esc.status === 'pending' ? null : refuse('wrong_state', 'escalation:pending', `This referral was already ${esc.status} by ${esc.answeredBy ?? 'someone'}.`)),
    () => checkIsTarget(esc, ctx),
    () => (cmd.reason.trim() ? null : refuse('invalid', 'safeguarding:dismiss-reason', 'Say why this is not a safeguarding concern: the reason is kept on the record.')),
  );
  if (r) return rejected(r);
  return new EventBuilder(c, ctx).add('case.safeguarding.dismissed', { escalationId: esc.id, reason: cmd.reason.trim() }).accept();
}

function checkNoPendingTo(c: Case, target: Of<'case.escalate'>['target']): Refusal | null {
  const same = c.escalations.find((e) => isOpenEscalation(e) && sameTarget(e.target, target));
  return same ? refuse('invalid', 'escalation:one-pending', `This case is already escalated there (${same.id}) and waiting for an answer.`) : null;
}

function sameTarget(a: Escalation['target'], b: Escalation['target']): boolean {
  if (a.type !== b.type) return false;
  return a.type !== 'service_lead' || (b.type === 'service_lead' && a.serviceTag === b.serviceTag);
}

/** The escalation's target answers it: that service's lead, or leadership (001 "Assigning tasks"). */
function checkIsTarget(esc: Escalation, ctx: DecisionContext): Refusal | null {
  if (isSystem(ctx.actor)) return null;
  if (esc.target.type === 'safeguarding') {
    return hasRole(ctx.actor, 'safeguarding_lead') ? null : refuse('not_permitted', 'escalation:target', 'Only the safeguarding lead can answer a safeguarding referral.');
  }
  if (esc.target.type === 'leadership') {
    return hasRole(ctx.actor, 'leadership') ? null : refuse('not_permitted', 'escalation:target', 'Only leadership can answer a leadership escalation.');
  }
  return checkInService(esc, ctx);
}
