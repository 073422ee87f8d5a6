// The forms a card's buttons open (reply, classify, escalate, moderate, close, …), built once for all surfaces.
import { CLOSE_OUTCOMES, type Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { caseWorkers } from '../policy/policy-directory.js';
import type { Policy } from '../policy/policy-schema.js';
import { moderationActions } from './available-actions.js';
import { escalationAnswerForm, proposalFields } from './escalation-answer-forms.js';
import type { CardForm, CardFormId, CardOption } from './card-model.js';
import { NO_LEARNING, type LearnedModels } from '../policy/combine-suggestions.js';
import { readMention } from '../policy/read-mention.js';
import { suggestionText } from './suggestion-facts.js';
import type { ThreadCorrection } from './facts-corrected.js';
import { signpostField } from './signpost-field.js';
import { countingRule, replyLength } from '../policy/reply-length.js';
import type { ModerationSuggestion } from '../policy/suggest-moderation.js';

export interface FormInput {
  readonly formId: CardFormId;
  readonly case: Case;
  readonly mention: Mention;
  readonly policy: Policy;
  readonly args?: Readonly<Record<string, string>>;
  /** The sign-off the reply will carry, e.g. " ^AP". */
  readonly signOff?: string;
  /** The reply's starting text (the emergency message and link, when emergency mode is on). */
  readonly initialText?: string;
  readonly suggestion?: { readonly serviceTag: string | null; readonly kind: string | null; readonly ruleId?: string | null };
  /** The moderation ladder's next rung for this author (src/policy/suggest-moderation.ts): preselected, never applied. */
  readonly ladder?: ModerationSuggestion | null;
  /** Choices a refusal said would let the reply through (a further reply, the same text again): offered as tick boxes. */
  readonly confirmations?: readonly CardOption[];
  /** What the desk has learned from the council's decisions, combined with the rules in the suggestion. */
  readonly learned?: LearnedModels;
  /** Another case on the thread closed with the facts corrected (004 §6): the reply form says so. */
  readonly threadCorrected?: ThreadCorrection | null;
}

/** The args a reply form carries: its own key (it sends at most once) and how many replies the case had when opened. */
export const REPLY_FORM_ARGS = { key: 'key', seen: 'seen' } as const;

/** A reply form's args: kept when the form is redrawn, new when it is opened, so a redraw is still the same form. */
export function replyFormArgs(args: Readonly<Record<string, string>>, c: Case, newKey: () => string): Record<string, string> {
  return {
    ...args,
    [REPLY_FORM_ARGS.key]: args[REPLY_FORM_ARGS.key] ?? newKey(),
    [REPLY_FORM_ARGS.seen]: args[REPLY_FORM_ARGS.seen] ?? String(c.replies.length),
  };
}

/** What a form's own builder decides; buildCardForm adds whose case and which version. */
type FormBody = Pick<CardForm, 'title' | 'submitLabel' | 'actionId' | 'fields'>;

export function buildCardForm(input: FormInput): CardForm {
  const { case: c, args } = input;
  const base = { caseId: c.id, version: c.version, ...(args ? { args } : {}) };
  switch (input.formId) {
    case 'reply': return { ...base, id: 'reply', ...replyForm(input) };
    case 'classify': return { ...base, id: 'classify', ...classifyForm(input) };
    case 'escalate': return { ...base, id: 'escalate', ...escalateForm(input.policy) };
    case 'moderate': return { ...base, id: 'moderate', ...moderateForm(input) };
    case 'close': return { ...base, id: 'close', title: 'Close the case', submitLabel: 'Close', actionId: 'case.close', fields: [
      { kind: 'select', id: 'outcome', label: 'Outcome', options: CLOSE_OUTCOMES.map((o) => ({ value: o, label: o.replace('_', ' ') })), hint: 'facts corrected: a rumour answered with the facts once; no further reply is suggested on its thread (004 §6).' },
      { kind: 'text', id: 'note', label: 'Note', multiline: false, optional: true, maxLength: 500 },
    ] };
    case 'reassign': return { ...base, id: 'reassign', title: 'Reassign', submitLabel: 'Reassign', actionId: 'case.reassign', fields: [
      { kind: 'select', id: 'toPersonId', label: 'Give it to', options: caseWorkers(input.policy).filter((p) => p.id !== input.case.owner?.personId).map((p) => ({ value: p.id, label: p.name })) },
    ] };
    case 'decline': return { ...base, id: 'decline', title: 'Decline the escalation', submitLabel: 'Decline', actionId: 'case.escalation.decline', fields: [
      { kind: 'text', id: 'reason', label: 'Why (so the comms team can route it elsewhere)', multiline: true, maxLength: 1000 },
    ] };
    case 'dismiss-safeguarding': return { ...base, id: 'dismiss-safeguarding', title: 'Not a safeguarding concern', submitLabel: 'Record', actionId: 'case.safeguarding.dismiss', fields: [
      { kind: 'text', id: 'reason', label: 'Why this is not a safeguarding concern (kept on the record)', multiline: true, maxLength: 1000 },
    ] };
    case 'police': return { ...base, id: 'police', ...policeForm() };
    case 'reject-reply': return { ...base, id: 'reject-reply', title: 'Send the reply back', submitLabel: 'Send back', actionId: 'case.reply.reject', fields: [
      { kind: 'text', id: 'reason', label: 'What to change', multiline: true, maxLength: 1000 },
    ] };
    case 'answer-escalation': case 'draft-reply': case 'pass-escalation': case 'ask-more':
      return { ...base, id: input.formId, ...escalationAnswerForm(input.formId, c, input.mention, input.policy, args ?? {}) };
    case 'reject': return { ...base, id: 'reject', title: 'Reject the moderation', submitLabel: 'Reject', actionId: 'case.moderation.reject', fields: [
      { kind: 'text', id: 'reason', label: 'Why', multiline: true, maxLength: 1000 },
    ] };
  }
}

function replyForm({ case: c, mention, policy, signOff, initialText, confirmations, learned, threadCorrected }: FormInput): FormBody {
  const net = policy.networks[mention.network];
  // A direct message is answered privately, where the network may allow more (X: 10,000 against 280).
  const privateLimit = net?.directMessages ? (net.privateTextLimit ?? null) : null;
  const limit = mention.kind === 'direct_message' ? (privateLimit ?? net?.textLimit ?? null) : (net?.textLimit ?? null);
  const name = net?.displayName ?? mention.network;
  const limits = limit ? `${name} allows ${limit} characters including the sign-off${signOff ? ` "${signOff.trim()}"` : ''}${privateLimit && privateLimit !== limit ? ` (${privateLimit} in a private message)` : ''}.` : null;
  // Counted the way the network will (X: a link is 23, an emoji 2), so what the form says is what X takes.
  const publicly = mention.kind !== 'direct_message';
  const rule = limit && publicly ? countingRule(mention.network) : null;
  const draft = initialText && limit ? `This text counts as ${replyLength(mention.network, `${initialText.trimEnd()}${signOff ?? ''}`, !publicly).length} of ${limit} with the sign-off.` : null;
  const corrected = threadCorrected ? `The facts were already corrected on this thread (${threadCorrected.caseId}): correct once, then stop (004 §6).` : null;
  const hint = [corrected, limits, rule ? `${rule}.` : null, draft, signOff ? 'The sign-off is added for you.' : null].filter(Boolean).join(' ');
  // A weighted count is not a character count (a 23-character link may be 150 long): the field is not capped at it.
  const inputLimit = rule ? null : privateLimit && limit ? Math.max(limit, privateLimit) : limit;

  // With ready replies offered the box may be left empty (the chosen one is sent): it cannot be required.
  const signposts = signpostField(policy, c, mention, learned);
  const visibility: CardOption[] = [{ value: 'public', label: 'Public reply' }];
  if (net?.directMessages) visibility.push({ value: 'private', label: 'Private message' });
  return {
    title: 'Reply', submitLabel: 'Send reply', actionId: 'case.reply.submit',
    fields: [
      { kind: 'text' as const, id: 'text', label: 'Reply', multiline: true, ...(inputLimit ? { maxLength: inputLimit } : {}), ...(initialText ? { initial: initialText } : {}), hint, ...(signposts.length ? { optional: true } : {}) },
      { kind: 'select' as const, id: 'visibility', label: 'Where', options: visibility, initial: 'public' },
      ...signposts,
      // Never preselected: sending anyway is a choice the person makes (src/domain/reply-once.ts).
      ...(confirmations?.length ? [{ kind: 'choices' as const, id: 'confirm', label: 'Send anyway?', options: confirmations, optional: true as const }] : []),
    ],
  };
}

/** The bot's suggestion is preselected, never applied: a person decides (DOMAIN.md "Classification"). */
function classifyForm({ policy, case: c, mention, suggestion, learned }: FormInput): FormBody {
  const computed = readMention(policy, mention, learned ?? NO_LEARNING);
  const suggested = suggestion ?? computed;
  const hint = suggestion ? undefined : `Suggested: ${suggestionText(policy, computed)}. Why: ${computed.reasons.join('; ')}`;
  const service = c.classification?.serviceTag ?? suggested.serviceTag ?? undefined;
  const kind = c.classification?.kind ?? suggested.kind ?? undefined;
  return {
    title: 'Classify', submitLabel: 'Save', actionId: 'case.classify',
    fields: [
      { kind: 'select' as const, id: 'serviceTag', label: 'Service', options: policy.services.map((s) => ({ value: s.tag, label: s.name })), ...(service ? { initial: service } : {}) },
      { kind: 'select' as const, id: 'kind', label: 'Kind', options: policy.kinds.map((k) => ({ value: k.id, label: k.name })), ...(kind ? { initial: kind } : {}), ...(hint ? { hint } : {}) },
      { kind: 'text' as const, id: 'note', label: 'Note', multiline: false, optional: true, maxLength: 500 },
    ],
  };
}

function escalateForm(policy: Policy): FormBody {
  const targets: CardOption[] = [
    ...policy.services.filter((s) => s.leads.length).map((s) => ({ value: `service_lead:${s.tag}`, label: `${s.name} service lead` })),
    { value: 'leadership', label: 'Leadership (reputational risk)' },
    { value: 'safeguarding', label: 'Safeguarding lead (a safeguarding concern or threat)' },
  ];
  return {
    title: 'Escalate', submitLabel: 'Escalate', actionId: 'case.escalate',
    fields: [
      { kind: 'select' as const, id: 'target', label: 'To', options: targets },
      { kind: 'text' as const, id: 'reason', label: 'Why', multiline: true, maxLength: 1000 },
      ...proposalFields(),
    ],
  };
}

/** The ladder's first action this network can take is preselected, with its reasons as the hint: a person decides. */
function moderateForm({ policy, mention, suggestion, ladder, learned }: FormInput): FormBody {
  const actions = moderationActions(policy.networks[mention.network] ?? null);
  const found = () => readMention(policy, mention, learned ?? NO_LEARNING).houseRules;
  const ruleId = suggestion?.ruleId ?? ladder?.ruleId ?? found()[0]?.ruleId ?? null;
  const action = ladder?.actions.find((a) => actions.some((x) => x === a)) ?? actions[0] ?? 'hide';
  return {
    title: 'Moderate', submitLabel: 'Request', actionId: 'case.moderate',
    fields: [
      { kind: 'select' as const, id: 'action', label: 'Action', options: actions.map((a) => ({ value: a, label: a })), initial: action, ...(ladder ? { hint: ladder.explanation } : {}) },
      { kind: 'select' as const, id: 'ruleId', label: 'House rule it breaks', options: policy.houseRules.map((r) => ({ value: r.id, label: r.title })), ...(ruleId ? { initial: ruleId } : {}), hint: 'The post is kept as evidence before anything is hidden or deleted (002 §6.3.3).' },
      { kind: 'text' as const, id: 'note', label: 'Note', multiline: false, optional: true, maxLength: 500 },
    ],
  };
}

/** Whether the police were told of an immediate danger to staff or the public, and why (002 §6.3.3–6.3.4). */
function policeForm(): FormBody {
  return {
    title: 'Police', submitLabel: 'Record', actionId: 'case.police.refer',
    fields: [
      { kind: 'select' as const, id: 'decision', label: 'Decision', options: [{ value: 'referred', label: 'Told the police' }, { value: 'not_referred', label: 'Decided not to tell the police' }] },
      { kind: 'text' as const, id: 'reason', label: 'Why (kept on the record with your name)', multiline: true, maxLength: 1000 },
      { kind: 'text' as const, id: 'reference', label: 'Police reference', multiline: false, optional: true, maxLength: 100 },
    ],
  };
}
