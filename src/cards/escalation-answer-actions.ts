// Owns the buttons an escalation card carries for the person it is for (issue 18), decided once for every surface:
// a service gets Acknowledge, Answer for comms, Draft a reply myself (where the policy lets it), Pass to a
// colleague and Decline; leadership gets Agree the proposed line, Take it myself, Needs a statement, Ask for more.
import { isOpenEscalation, type Escalation } from '../domain/case.js';
import type { Policy } from '../policy/policy-schema.js';
import { serviceMayReply } from '../policy/service-people.js';
import type { CardButton } from './card-model.js';
import { LEADERSHIP_ANSWER_LABELS } from './escalation-answer-lines.js';

export function escalationCardButtons(esc: Escalation, policy: Policy): CardButton[] {
  const escalationId = esc.id;
  // A safeguarding referral keeps its one-step answers: acknowledged, it is in the lead's hands.
  if (esc.target.type === 'safeguarding') return esc.status === 'pending' ? safeguardingButtons(escalationId) : [];
  if (!isOpenEscalation(esc)) return [];
  const acknowledge: CardButton[] = esc.status === 'pending' ? [{ actionId: 'case.escalation.acknowledge', label: 'Acknowledge', style: 'primary', args: { escalationId } }] : [];
  const decline: CardButton = { actionId: 'case.escalation.decline', label: 'Decline', style: 'danger', opens: 'decline', args: { escalationId } };
  if (esc.target.type === 'leadership') return [...acknowledge, ...leadershipButtons(escalationId), decline];
  const draft: CardButton[] = serviceMayReply(policy, esc.target.serviceTag)
    ? [{ actionId: 'case.escalation.draft', label: 'Draft a reply myself', style: 'default', opens: 'draft-reply', args: { escalationId } }]
    : [];
  return [
    ...acknowledge,
    { actionId: 'case.escalation.answer', label: 'Answer for comms', style: 'primary', opens: 'answer-escalation', args: { escalationId } },
    ...draft,
    { actionId: 'case.escalation.pass', label: 'Pass to a colleague', style: 'default', opens: 'pass-escalation', args: { escalationId } },
    decline,
  ];
}

function leadershipButtons(escalationId: string): CardButton[] {
  const answer = (answer: 'agree' | 'take_it' | 'statement', style: CardButton['style']): CardButton => ({ actionId: 'case.leadership.answer', label: LEADERSHIP_ANSWER_LABELS[answer], style, args: { escalationId, answer } });
  return [
    answer('agree', 'primary'),
    answer('take_it', 'default'),
    answer('statement', 'default'),
    { actionId: 'case.leadership.answer', label: LEADERSHIP_ANSWER_LABELS.more, style: 'default', opens: 'ask-more', args: { escalationId, answer: 'more' } },
  ];
}

function safeguardingButtons(escalationId: string): CardButton[] {
  return [
    { actionId: 'case.escalation.acknowledge', label: 'Acknowledge', style: 'primary', args: { escalationId } },
    { actionId: 'case.escalation.decline', label: 'Decline', style: 'danger', opens: 'decline', args: { escalationId } },
    { actionId: 'case.safeguarding.dismiss', label: 'Not a safeguarding concern', style: 'default', opens: 'dismiss-safeguarding', args: { escalationId } },
  ];
}
