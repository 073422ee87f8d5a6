// Turns a card action (button or form submit) into a core command, naming each bad field.
import { CLOSE_OUTCOMES, MODERATION_ACTIONS, POLICE_DECISIONS, type CloseOutcome, type ModerationActionKind, type PoliceDecision } from '../domain/case.js';
import type { CaseCommand } from '../domain/commands.js';
import { findPersonById } from '../policy/policy-directory.js';
import type { Policy } from '../policy/policy-schema.js';
import { findSignpost, signpostText, signpostUse } from '../policy/signposts.js';
import { REPLY_FORM_ARGS } from './build-card-form.js';
import { escalationAnswerCommand, isEscalationAnswerAction, proposalFrom } from './escalation-answer-commands.js';
import type { Proposal } from '../domain/case.js';
import { SIGNPOST_FIELD } from './signpost-field.js';

export type FieldErrors = Readonly<Record<string, string>>;
export type ParsedAction = { readonly ok: true; readonly command: CaseCommand } | { readonly ok: false; readonly fieldErrors: FieldErrors };

type Values = Readonly<Record<string, string | undefined>>;

export function commandFromAction(actionId: string, args: Values, values: Values, policy: Policy): ParsedAction {
  const text = (id: string) => (values[id] ?? '').trim();
  switch (actionId) {
    case 'case.claim': case 'case.release': case 'case.resume':
      return ok({ type: actionId });
    case 'case.reopen': return ok({ type: 'case.reopen', reason: text('reason') || null });
    case 'case.wait': return ok({ type: 'case.wait', reason: text('reason') || 'Asked the resident for more information' });
    case 'case.reassign': {
      const person = findPersonById(policy, text('toPersonId'));
      return person ? ok({ type: 'case.reassign', toPersonId: person.id, toName: person.name }) : bad('toPersonId', 'Choose someone from the list.');
    }
    case 'case.classify': return classify(policy, text('serviceTag'), text('kind'), text('note'));
    // The form sends its fields; the one-click leadership offer (src/cards/danger-and-reputation.ts) sends them as args.
    case 'case.escalate': return withProposal(escalate(policy, text('target') || (args['target'] ?? ''), text('reason') || (args['reason'] ?? '')), proposalFrom(values));
    case 'case.police.refer': return policeDecision(text('decision'), text('reason'), text('reference'));
    case 'case.escalation.acknowledge': return needArg(args, 'escalationId', (id) => ({ type: 'case.escalation.acknowledge', escalationId: id, note: text('note') || null }));
    case 'case.escalation.decline': return text('reason') ? needArg(args, 'escalationId', (id) => ({ type: 'case.escalation.decline', escalationId: id, reason: text('reason') })) : bad('reason', 'Say why you are declining.');
    case 'case.safeguarding.dismiss': return text('reason') ? needArg(args, 'escalationId', (id) => ({ type: 'case.safeguarding.dismiss', escalationId: id, reason: text('reason') })) : bad('reason', 'Say why this is not a safeguarding concern.');
    case 'case.reply.submit': return reply(policy, values['text'] ?? '', text('visibility') || 'public', args, text('confirm'), text(SIGNPOST_FIELD));
    case 'case.reply.approve': return needArg(args, 'replyId', (id) => ({ type: 'case.reply.approve', replyId: id }));
    case 'case.reply.reject': return text('reason') ? needArg(args, 'replyId', (id) => ({ type: 'case.reply.reject', replyId: id, reason: text('reason') })) : bad('reason', 'Say what to change.');
    // The form sends its fields; a one-click button (hide: shows personal data) sends them as args.
    case 'case.moderate': return moderate(policy, text('action') || (args['action'] ?? ''), text('ruleId') || (args['ruleId'] ?? ''), text('note') || (args['note'] ?? ''));
    case 'case.moderation.approve': return needArg(args, 'moderationId', (id) => ({ type: 'case.moderation.approve', moderationId: id }));
    case 'case.moderation.reject': return text('reason') ? needArg(args, 'moderationId', (id) => ({ type: 'case.moderation.reject', moderationId: id, reason: text('reason') })) : bad('reason', 'Say why you are rejecting it.');
    case 'case.close': return (CLOSE_OUTCOMES as readonly string[]).includes(text('outcome'))
      ? ok({ type: 'case.close', outcome: text('outcome') as CloseOutcome, note: text('note') || null })
      : bad('outcome', 'Choose an outcome.');
    default: return isEscalationAnswerAction(actionId) ? escalationAnswerCommand(actionId, args, values, policy) : bad('action', `Unknown action ${actionId}.`);
  }
}

/** A leadership escalation carries what comms proposes (the briefing's "what comms proposes"). */
function withProposal(parsed: ParsedAction, proposal: Proposal | null): ParsedAction {
  if (!parsed.ok || !proposal || parsed.command.type !== 'case.escalate' || parsed.command.target.type !== 'leadership') return parsed;
  return ok({ ...parsed.command, proposal });
}

function classify(policy: Policy, serviceTag: string, kind: string, note: string): ParsedAction {
  if (!policy.services.some((s) => s.tag === serviceTag)) return bad('serviceTag', 'Choose a service from the list.');
  if (!policy.kinds.some((k) => k.id === kind)) return bad('kind', 'Choose a kind from the list.');
  return ok({ type: 'case.classify', serviceTag, kind, note: note || null });
}

function escalate(policy: Policy, target: string, reason: string): ParsedAction {
  if (!reason) return bad('reason', 'Say why you are escalating.');
  if (target === 'leadership') return ok({ type: 'case.escalate', target: { type: 'leadership' }, reason });
  if (target === 'safeguarding') return ok({ type: 'case.escalate', target: { type: 'safeguarding' }, reason });
  const tag = target.startsWith('service_lead:') ? target.slice('service_lead:'.length) : '';
  const service = policy.services.find((s) => s.tag === tag);
  if (!service) return bad('target', 'Choose who to escalate to.');
  if (!service.leads.length) return bad('target', `${service.name} has no lead officer in the policy file.`);
  return ok({ type: 'case.escalate', target: { type: 'service_lead', serviceTag: tag }, reason });
}

/** A reply form carries its key and the replies it saw (REPLY_FORM_ARGS); `confirm` holds the choices ticked. */
function reply(policy: Policy, written: string, visibility: string, args: Values, confirm: string, signpostId: string): ParsedAction {
  const template = signpostId ? findSignpost(policy, signpostId) : undefined;
  if (signpostId && !template) return bad(SIGNPOST_FIELD, 'Choose a ready reply from the list.');
  // An empty reply box with a ready reply chosen sends the ready reply as it is.
  const text = written.trim() ? written : template ? signpostText(policy, template) : '';
  if (!text.trim()) return bad('text', 'Write the reply, or choose a ready reply.');
  if (visibility !== 'public' && visibility !== 'private') return bad('visibility', 'Choose public or private.');
  const key = args[REPLY_FORM_ARGS.key];
  const seen = Number(args[REPLY_FORM_ARGS.seen]);
  const form = key && Number.isInteger(seen) && seen >= 0 ? { form: { key, repliesSeen: seen } } : {};
  const confirmed = confirm.split(',').map((v) => v.trim()).filter(Boolean);
  const signpost = template ? { signpost: signpostUse(template) } : {};
  return ok({ type: 'case.reply.submit', text: text.trim(), visibility, ...form, ...(confirmed.length ? { confirmed } : {}), ...signpost });
}

function moderate(policy: Policy, action: string, ruleId: string, note: string): ParsedAction {
  if (!(MODERATION_ACTIONS as readonly string[]).includes(action)) return bad('action', 'Choose an action.');
  if (!policy.houseRules.some((r) => r.id === ruleId)) return bad('ruleId', 'Choose the house rule it breaks.');
  return ok({ type: 'case.moderate', action: action as ModerationActionKind, ruleId, needsApproval: false, note: note || null });
}

function policeDecision(decision: string, reason: string, reference: string): ParsedAction {
  if (!(POLICE_DECISIONS as readonly string[]).includes(decision)) return bad('decision', 'Choose whether the police were told.');
  if (!reason) return bad('reason', 'Say why: it is kept on the record with your name.');
  return ok({ type: 'case.police.refer', decision: decision as PoliceDecision, reason, reference: reference || null });
}

function needArg(args: Values, name: string, build: (v: string) => CaseCommand): ParsedAction {
  const v = args[name];
  return v ? ok(build(v)) : bad(name, `The button is missing ${name}; refresh the card.`);
}

function ok(command: CaseCommand): ParsedAction {
  return { ok: true, command };
}

function bad(field: string, message: string): ParsedAction {
  return { ok: false, fieldErrors: { [field]: message } };
}
