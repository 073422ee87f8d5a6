// Owns the words for a service's and leadership's answers (issue 18): thread lines, the escalation card's status
// line and the triage card's activity, the same on every surface.
import type { Case, Escalation, LeadershipAnswer } from '../domain/case.js';
import type { CaseEvent } from '../domain/events.js';

type AnswerEvent = CaseEvent<'case.escalation.answered' | 'case.escalation.passed' | 'case.escalation.handed_over' | 'case.leadership.answered'>;

export const LEADERSHIP_ANSWER_LABELS: Readonly<Record<LeadershipAnswer, string>> = {
  agree: 'Agree the proposed line',
  take_it: 'Take it myself',
  statement: 'Needs a statement',
  more: 'Ask for more',
};

export function describeAnswer(e: AnswerEvent, c: Case): string {
  const who = e.actor.name;
  switch (e.type) {
    case 'case.escalation.answered': {
      if (e.data.replyId) return `${who} approved the service's reply: the escalation is answered`;
      return `${who} answered for comms: ${e.data.facts ?? ''}${e.data.proposedReply ? ` Proposed wording: "${e.data.proposedReply}"` : ''}`;
    }
    case 'case.escalation.passed': return `${who} passed the escalation to ${e.data.toName}`;
    case 'case.escalation.handed_over': {
      const why = e.data.why === 'away' ? 'the lead is away' : `nobody acknowledged it in time${holderBefore(c, e.data.escalationId)}`;
      return `Handed over to ${e.data.toName} (${e.data.stage === 'deputy' ? 'deputy' : 'comms manager'}): ${why}`;
    }
    case 'case.leadership.answered': return `${who} (leadership): ${LEADERSHIP_ANSWER_LABELS[e.data.answer]}${e.data.note ? `: ${e.data.note}` : ''}`;
  }
}

function holderBefore(c: Case, escalationId: string): string {
  const esc = c.escalations.find((x) => x.id === escalationId);
  return esc ? ` (escalated ${esc.raisedAt.slice(0, 16).replace('T', ' ')} UTC)` : '';
}

/** "; now with Hal Reed (deputy)" while an escalation has moved on from the service's leads. */
export function holderNote(esc: Escalation): string {
  if (!esc.holder || !(esc.status === 'pending' || esc.status === 'acknowledged')) return '';
  return `; now with ${esc.holder.name} (${esc.holder.stage === 'colleague' ? 'passed on' : esc.holder.stage === 'deputy' ? 'deputy' : 'comms manager'})`;
}

/** The escalation's state in a line: who holds it, who answered and how. Shared by every surface's escalation card. */
export function escalationStatusLine(esc: Escalation): string {
  const by = esc.answeredBy ?? 'someone';
  const holder = esc.holder ? ` Now with ${esc.holder.name} (${esc.holder.stage === 'colleague' ? 'passed on' : esc.holder.stage === 'deputy' ? 'deputy' : 'comms manager'}).` : '';
  switch (esc.status) {
    case 'pending': return `Waiting for an acknowledgement.${holder}`;
    case 'acknowledged': {
      const more = esc.leadershipAnswer?.answer === 'more' ? ` Asked for more: ${esc.leadershipAnswer.note ?? ''}` : '';
      return `Acknowledged by ${by}${esc.answer && !more ? `: ${esc.answer}` : ''}; the substantive answer is still to come.${more}${holder}`;
    }
    case 'answered': {
      if (esc.leadershipAnswer) return `${LEADERSHIP_ANSWER_LABELS[esc.leadershipAnswer.answer]}: ${esc.leadershipAnswer.by}${esc.leadershipAnswer.note ? ` (${esc.leadershipAnswer.note})` : ''}`;
      return `Answered by ${by}${esc.answer ? `: ${esc.answer}` : ''}`;
    }
    case 'declined': return `Declined by ${by}${esc.answer ? `: ${esc.answer}` : ''}`;
  }
}
