// Owns what the triage card shows comms of a service's and leadership's answers (issue 18), and the text a
// service's answer pre-fills comms' reply with.
import type { Case } from '../domain/case.js';
import type { CardFact } from './card-model.js';
import { LEADERSHIP_ANSWER_LABELS } from './escalation-answer-lines.js';

export function escalationAnswerFacts(c: Case): CardFact[] {
  const facts: CardFact[] = [];
  for (const e of c.escalations) {
    if (e.serviceAnswer) {
      const wording = e.serviceAnswer.proposedReply ? ` Proposed wording: "${e.serviceAnswer.proposedReply}"` : '';
      facts.push({ label: 'Service answer', value: `${e.answeredBy ?? 'The service'}: ${e.serviceAnswer.facts}${wording}` });
    }
    if (e.leadershipAnswer) {
      facts.push({ label: 'Leadership', value: `${LEADERSHIP_ANSWER_LABELS[e.leadershipAnswer.answer]} (${e.leadershipAnswer.by})${e.leadershipAnswer.note ? `: ${e.leadershipAnswer.note}` : ''}` });
    }
    if (e.holder && (e.status === 'pending' || e.status === 'acknowledged')) {
      facts.push({ label: 'Escalation with', value: `${e.holder.name} (${e.holder.stage === 'colleague' ? 'passed on' : e.holder.stage === 'deputy' ? 'deputy' : 'comms manager'})` });
    }
  }
  return facts;
}

/** The latest wording a service proposed for comms' reply: the reply form starts from it. */
export function proposedReplyText(c: Case): string | null {
  return [...c.escalations].reverse().find((e) => e.serviceAnswer?.proposedReply)?.serviceAnswer?.proposedReply ?? null;
}
