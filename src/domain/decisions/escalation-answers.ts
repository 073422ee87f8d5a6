// Owns what a service and leadership may answer from an escalation card beyond Acknowledge: the substantive
// answer for comms, a reply the service drafts itself, passing it to a colleague, the bot's hand-over to a
// deputy or the comms manager, and leadership's answer to a briefing (001 matrix options 2, 4 and 5).
import { hasRole, isSystem } from '../actor.js';
import { isOpenEscalation, type Case, type Escalation } from '../case.js';
import type { ServiceAnswerCommand } from '../commands.js';
import { EventBuilder, rejected, type Decision, type DecisionContext } from '../decision.js';
import { checkNotClosed, firstRefusal } from '../guards.js';
import { refuse, type Refusal } from '../refusal.js';

type Of<T extends ServiceAnswerCommand['type']> = Extract<ServiceAnswerCommand, { type: T }>;

export function decideServiceAnswer(c: Case, cmd: ServiceAnswerCommand, ctx: DecisionContext): Decision {
  const esc = c.escalations.find((e) => e.id === cmd.escalationId);
  if (!esc) return rejected(refuse('not_found', 'escalation:exists', `There is no escalation ${cmd.escalationId} on this case.`));
  const open = firstRefusal(() => checkNotClosed(c, 'answer the escalation'), () => checkOpen(esc));
  if (open) return rejected(open);
  switch (cmd.type) {
    case 'case.escalation.answer': return decideAnswer(c, esc, cmd, ctx);
    case 'case.escalation.draft': return decideDraft(c, esc, cmd, ctx);
    case 'case.escalation.pass': return decidePass(c, esc, cmd, ctx);
    case 'case.escalation.handover': return decideHandover(c, esc, cmd, ctx);
    case 'case.leadership.answer': return decideLeadershipAnswer(c, esc, cmd, ctx);
  }
}

function decideAnswer(c: Case, esc: Escalation, cmd: Of<'case.escalation.answer'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => checkServiceTarget(esc, 'Answer for comms'),
    () => checkInService(esc, ctx),
    () => (cmd.facts.trim() ? null : refuse('invalid', 'escalation:answer-facts', 'Give comms the facts: they are what the reply is built on.')),
  );
  if (r) return rejected(r);
  const data = { escalationId: esc.id, facts: cmd.facts.trim(), proposedReply: cmd.proposedReply?.trim() || null };
  return new EventBuilder(c, ctx).add('case.escalation.answered', data).accept();
}

/** The draft waits for comms' sign-off; the clock stops only when comms approves it (see decideApproveReply). */
function decideDraft(c: Case, esc: Escalation, cmd: Of<'case.escalation.draft'>, ctx: DecisionContext): Decision {
  const tag = esc.target.type === 'service_lead' ? esc.target.serviceTag : '';
  const r = firstRefusal(
    () => checkServiceTarget(esc, 'Draft a reply myself'),
    () => checkInService(esc, ctx),
    () => (ctx.serviceMayReply?.(tag) ? null : refuse('not_permitted', 'escalation:service-replies', 'The policy does not let this service reply itself: use "Answer for comms" and comms will reply.')),
    () => (cmd.text.trim() ? null : refuse('invalid', 'reply:text', 'The reply is empty.')),
    () => {
      const waiting = c.replies.find((x) => x.forEscalation === esc.id && x.status === 'awaiting_approval');
      return waiting ? refuse('already_done', 'escalation:one-draft', `${waiting.by}'s draft (${waiting.id}) is already waiting for comms' sign-off.`) : null;
    },
  );
  if (r) return rejected(r);
  const data = {
    replyId: `rep-${c.replies.length + 1}`, text: cmd.text, visibility: cmd.visibility, awaitingApproval: true,
    forEscalation: esc.id, ...(cmd.needsManager ? { managerOnly: true } : {}),
  };
  return new EventBuilder(c, ctx).add('case.reply.requested', data).accept();
}

function decidePass(c: Case, esc: Escalation, cmd: Of<'case.escalation.pass'>, ctx: DecisionContext): Decision {
  const tag = esc.target.type === 'service_lead' ? esc.target.serviceTag : '';
  const r = firstRefusal(
    () => checkServiceTarget(esc, 'Pass to a colleague'),
    () => checkInService(esc, ctx),
    () => (cmd.toPersonId === ctx.actor.personId ? refuse('invalid', 'escalation:pass-to', 'Choose a colleague, not yourself.') : null),
    () => (ctx.serviceRole?.(cmd.toPersonId, tag) ? null : refuse('invalid', 'escalation:pass-to', `${cmd.toName} is not in this service in the policy file: pass it to a colleague in the same service.`)),
  );
  if (r) return rejected(r);
  return new EventBuilder(c, ctx).add('case.escalation.passed', { escalationId: esc.id, toPersonId: cmd.toPersonId, toName: cmd.toName }).accept();
}

/** Only the bot hands over, and only what nobody has acknowledged (an acknowledged escalation has a person on it). */
function decideHandover(c: Case, esc: Escalation, cmd: Of<'case.escalation.handover'>, ctx: DecisionContext): Decision {
  if (!isSystem(ctx.actor)) return rejected(refuse('not_permitted', 'permission:case.escalation.handover', 'Only the bot hands an escalation over.'));
  if (esc.status !== 'pending' && cmd.why === 'not_acknowledged') return rejected(refuse('wrong_state', 'escalation:pending', `This escalation was already ${esc.status} by ${esc.answeredBy ?? 'someone'}.`));
  const { escalationId, toPersonId, toName, stage, why } = cmd;
  return new EventBuilder(c, ctx).add('case.escalation.handed_over', { escalationId, toPersonId, toName, stage, why }, 'escalation:acknowledge-window').accept();
}

/** "Ask for more" keeps the escalation open (comms owes leadership more); the others settle it. */
function decideLeadershipAnswer(c: Case, esc: Escalation, cmd: Of<'case.leadership.answer'>, ctx: DecisionContext): Decision {
  const r = firstRefusal(
    () => (esc.target.type === 'leadership' ? null : refuse('invalid', 'escalation:leadership', 'Only a leadership escalation takes a leadership answer.')),
    () => (isSystem(ctx.actor) || hasRole(ctx.actor, 'leadership') ? null : refuse('not_permitted', 'escalation:target', 'Only leadership can answer a leadership escalation.')),
    () => (cmd.answer === 'more' && !cmd.note?.trim() ? refuse('invalid', 'leadership:more', 'Say what more you need, so comms can brief you.') : null),
  );
  if (r) return rejected(r);
  return new EventBuilder(c, ctx).add('case.leadership.answered', { escalationId: esc.id, answer: cmd.answer, note: cmd.note?.trim() || null }).accept();
}

function checkOpen(esc: Escalation): Refusal | null {
  return isOpenEscalation(esc) ? null : refuse('wrong_state', 'escalation:open', `This escalation was already ${esc.status} by ${esc.answeredBy ?? 'someone'}.`);
}

function checkServiceTarget(esc: Escalation, what: string): Refusal | null {
  return esc.target.type === 'service_lead' ? null : refuse('invalid', 'escalation:service', `"${what}" is for a service's escalation.`);
}

/**
 * Who answers a service's escalation: its leads, deputies and officers (001 "Assigning tasks", matrix option 4),
 * and whoever it was passed or handed to (a comms manager at the end of the chain).
 */
export function checkInService(esc: Escalation, ctx: DecisionContext): Refusal | null {
  if (isSystem(ctx.actor) || esc.target.type !== 'service_lead') return null;
  if (esc.holder?.personId === ctx.actor.personId) return null;
  if (ctx.isLeadOf(ctx.actor.personId, esc.target.serviceTag) || ctx.serviceRole?.(ctx.actor.personId, esc.target.serviceTag)) return null;
  return refuse('not_permitted', 'escalation:target', `Only the ${esc.target.serviceTag} service lead can answer this escalation, or a deputy or officer of the service.`);
}
