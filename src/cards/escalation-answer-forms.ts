// Owns the forms a service's or leadership's answer opens (issue 18): the facts and wording for comms, the
// service's own reply (signed off by comms), a colleague to pass it to, and what more leadership needs.
import type { Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { Policy } from '../policy/policy-schema.js';
import { serviceSignOff, servicePeople } from '../policy/service-people.js';
import type { CardField, CardForm, EscalationAnswerFormId } from './card-model.js';

type FormBody = Pick<CardForm, 'title' | 'submitLabel' | 'actionId' | 'fields'>;

export function escalationAnswerForm(formId: EscalationAnswerFormId, c: Case, mention: Mention, policy: Policy, args: Readonly<Record<string, string>>): FormBody {
  const esc = c.escalations.find((e) => e.id === args['escalationId']);
  const tag = esc?.target.type === 'service_lead' ? esc.target.serviceTag : '';
  switch (formId) {
    case 'answer-escalation': return { title: 'Answer for comms', submitLabel: 'Send to comms', actionId: 'case.escalation.answer', fields: [
      { kind: 'text', id: 'facts', label: 'The facts (an internal note for comms: not sent to the resident)', multiline: true, maxLength: 2000 },
      { kind: 'text', id: 'proposedReply', label: 'Wording you propose (pre-fills comms\' reply)', multiline: true, optional: true, maxLength: 2000 },
    ] };
    case 'draft-reply': return { title: 'Draft a reply', submitLabel: 'Send to comms for sign-off', actionId: 'case.escalation.draft', fields: draftFields(policy, mention, tag) };
    case 'pass-escalation': return { title: 'Pass to a colleague', submitLabel: 'Pass on', actionId: 'case.escalation.pass', fields: [
      { kind: 'select', id: 'toPersonId', label: 'Give it to', options: servicePeople(policy, tag).map((p) => ({ value: p.id, label: `${p.name} (${p.role})` })) },
    ] };
    case 'ask-more': return { title: 'Ask for more', submitLabel: 'Ask comms', actionId: 'case.leadership.answer', fields: [
      { kind: 'text', id: 'note', label: 'What more do you need before you decide?', multiline: true, maxLength: 1000 },
    ] };
  }
}

function draftFields(policy: Policy, mention: Mention, tag: string): CardField[] {
  const net = policy.networks[mention.network];
  const sign = serviceSignOff(policy, tag, '');
  const hint = [
    'Comms signs it off before it is sent; the reply rules are checked as for any reply.',
    sign ? `It is signed "^${sign}" for the service.` : 'It is signed with your initials.',
    net?.textLimit ? `${net.displayName} allows ${net.textLimit} characters including the sign-off.` : null,
  ].filter(Boolean).join(' ');
  const visibility = [{ value: 'public', label: 'Public reply' }, ...(net?.directMessages ? [{ value: 'private', label: 'Private message' }] : [])];
  return [
    { kind: 'text', id: 'text', label: 'Reply', multiline: true, hint },
    { kind: 'select', id: 'visibility', label: 'Where', options: visibility, initial: 'public' },
  ];
}

/** On the escalate form, for leadership: what comms proposes to say, carried in the briefing. */
export function proposalFields(): CardField[] {
  return [
    { kind: 'select', id: 'proposal', label: 'For leadership: what comms proposes', optional: true, options: [
      { value: 'reply', label: 'A reply' }, { value: 'holding_line', label: 'A holding line' },
      { value: 'statement', label: 'A statement' }, { value: 'no_comment', label: 'No comment' },
    ] },
    { kind: 'text', id: 'proposedText', label: 'The proposed wording', multiline: true, optional: true, maxLength: 1500 },
  ];
}
