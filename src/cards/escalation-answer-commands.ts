// Owns turning a service's or leadership's answer (button or form) into a core command, naming each bad field (issue 18).
import { LEADERSHIP_ANSWERS, PROPOSAL_KINDS, type LeadershipAnswer, type Proposal, type ProposalKind } from '../domain/case.js';
import type { CaseCommand } from '../domain/commands.js';
import { findPersonById } from '../policy/policy-directory.js';
import type { Policy } from '../policy/policy-schema.js';

type Values = Readonly<Record<string, string | undefined>>;
export type AnswerParse = { readonly ok: true; readonly command: CaseCommand } | { readonly ok: false; readonly fieldErrors: Readonly<Record<string, string>> };

export const ESCALATION_ANSWER_ACTIONS = ['case.escalation.answer', 'case.escalation.draft', 'case.escalation.pass', 'case.leadership.answer'] as const;

export function isEscalationAnswerAction(actionId: string): actionId is (typeof ESCALATION_ANSWER_ACTIONS)[number] {
  return (ESCALATION_ANSWER_ACTIONS as readonly string[]).includes(actionId);
}

export function escalationAnswerCommand(actionId: (typeof ESCALATION_ANSWER_ACTIONS)[number], args: Values, values: Values, policy: Policy): AnswerParse {
  const text = (id: string) => (values[id] ?? '').trim();
  const escalationId = args['escalationId'];
  if (!escalationId) return bad('escalationId', 'The button is missing escalationId; refresh the card.');
  switch (actionId) {
    case 'case.escalation.answer':
      return text('facts') ? ok({ type: actionId, escalationId, facts: text('facts'), proposedReply: text('proposedReply') || null }) : bad('facts', 'Give comms the facts.');
    case 'case.escalation.draft': {
      const visibility = text('visibility') || 'public';
      if (!text('text')) return bad('text', 'Write the reply.');
      if (visibility !== 'public' && visibility !== 'private') return bad('visibility', 'Choose public or private.');
      return ok({ type: actionId, escalationId, text: text('text'), visibility });
    }
    case 'case.escalation.pass': {
      const person = findPersonById(policy, text('toPersonId'));
      return person ? ok({ type: actionId, escalationId, toPersonId: person.id, toName: person.name }) : bad('toPersonId', 'Choose a colleague from the list.');
    }
    case 'case.leadership.answer': {
      const answer = args['answer'] ?? '';
      if (!(LEADERSHIP_ANSWERS as readonly string[]).includes(answer)) return bad('answer', 'The button is missing its answer; refresh the card.');
      if (answer === 'more' && !text('note')) return bad('note', 'Say what more you need.');
      return ok({ type: actionId, escalationId, answer: answer as LeadershipAnswer, note: text('note') || null });
    }
  }
}

/** What comms proposes to say, from the escalate form, for leadership's briefing; none when no kind is chosen. */
export function proposalFrom(values: Values): Proposal | null {
  const kind = (values['proposal'] ?? '').trim();
  if (!(PROPOSAL_KINDS as readonly string[]).includes(kind)) return null;
  return { kind: kind as ProposalKind, text: (values['proposedText'] ?? '').trim() || null };
}

function ok(command: CaseCommand): AnswerParse {
  return { ok: true, command };
}

function bad(field: string, message: string): AnswerParse {
  return { ok: false, fieldErrors: { [field]: message } };
}
