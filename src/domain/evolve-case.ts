// Applies one event to a case: the only place case state changes, so replay equals the store.
import type { Case, Escalation, ModerationAction, Reply } from './case.js';
import type { CaseEvent } from './events.js';

/** How a dismissed safeguarding referral reads in the case's history and on the card. */
export const NOT_A_CONCERN = 'Not a safeguarding concern';

export function evolveCase(current: Case | null, event: CaseEvent): Case {
  if (event.type === 'case.opened') return openCase(event);
  if (!current) throw new Error(`event ${event.type} before case.opened for ${event.caseId}`);
  const c = { ...applyChange(current, event), version: event.caseVersion };
  return c;
}

export function replayCase(events: readonly CaseEvent[]): Case | null {
  return events.reduce<Case | null>((c, e) => evolveCase(c, e), null);
}

function openCase(e: CaseEvent<'case.opened'>): Case {
  return {
    id: e.caseId,
    mentionId: e.data.mentionId,
    network: e.data.network,
    authorKey: e.data.authorKey,
    state: 'new',
    version: e.caseVersion,
    openedAt: e.at,
    postedAt: e.data.postedAt ?? e.at,
    postedAtAdjusted: e.data.postedAtAdjusted ?? null,
    postedOutOfHours: e.data.postedOutOfHours ?? (e.data as { receivedOutOfHours?: boolean }).receivedOutOfHours ?? false,
    risk: e.data.risk,
    owner: null,
    classification: null,
    escalations: [],
    replies: [],
    moderation: [],
    outcome: null,
    closedAt: null,
    deadlines: { ...e.data.deadlines },
  };
}

function applyChange(c: Case, e: CaseEvent): Case {
  switch (e.type) {
    case 'case.opened':
      return c;
    case 'case.claimed':
      return { ...c, state: 'claimed', owner: { personId: e.actor.personId, name: e.actor.name, since: e.at } };
    case 'case.released':
      return { ...c, state: 'new', owner: null };
    case 'case.reassigned':
      // A case waiting on the resident stays waiting (its clocks stay paused) under its new owner.
      return { ...c, state: c.state === 'waiting' ? 'waiting' : 'claimed', owner: { personId: e.data.toPersonId, name: e.data.toName, since: e.at } };
    case 'case.classified':
      return { ...c, classification: { serviceTag: e.data.serviceTag, kind: e.data.kind, note: e.data.note } };
    case 'case.escalated':
      return { ...c, escalations: [...c.escalations, newEscalation(e)] };
    case 'case.escalation.acknowledged':
      return updateEscalation(c, e.data.escalationId, { status: 'acknowledged', answeredBy: e.actor.name, answer: e.data.note });
    case 'case.escalation.declined':
      return updateEscalation(c, e.data.escalationId, { status: 'declined', answeredBy: e.actor.name, answer: e.data.reason });
    case 'case.safeguarding.dismissed':
      return updateEscalation(c, e.data.escalationId, { status: 'declined', answeredBy: e.actor.name, answer: `${NOT_A_CONCERN}: ${e.data.reason}` });
    case 'case.reply.requested':
      return { ...c, replies: [...c.replies, newReply(e)] };
    case 'case.reply.approved':
      return updateReply(c, e.data.replyId, { status: 'sending' });
    case 'case.reply.rejected':
      return updateReply(c, e.data.replyId, { status: 'rejected', error: e.data.reason });
    case 'case.reply.sent':
      return updateReply(c, e.data.replyId, { status: 'sent', networkReplyId: e.data.networkReplyId });
    case 'case.reply.failed':
      return updateReply(c, e.data.replyId, { status: 'failed', error: e.data.error });
    case 'case.moderation.requested':
      return { ...c, moderation: [...c.moderation, newModeration(e)] };
    case 'case.moderation.approved':
      return updateModeration(c, e.data.moderationId, { status: 'approved', decidedBy: e.actor.name });
    case 'case.moderation.rejected':
      return updateModeration(c, e.data.moderationId, { status: 'rejected', decidedBy: e.actor.name, note: e.data.reason });
    case 'case.moderation.done':
      return updateModeration(c, e.data.moderationId, { status: 'done' });
    case 'case.moderation.failed':
      return updateModeration(c, e.data.moderationId, { status: 'failed', note: e.data.error });
    case 'case.waiting':
      return { ...c, state: 'waiting' };
    case 'case.resumed':
      return { ...c, state: 'claimed' };
    case 'case.closed':
      return { ...c, state: 'closed', outcome: e.data.outcome, closedAt: e.at };
    case 'case.reopened':
      return { ...c, state: 'new', owner: null, outcome: null, closedAt: null };
    case 'case.noted':
      return c;
    case 'case.police.decided':
      return { ...c, policeReferral: { decision: e.data.decision, reason: e.data.reason, reference: e.data.reference, decidedBy: e.actor.name, at: e.at } };
    case 'case.reputation.flagged':
      return { ...c, reputationalRisk: { reasons: [...e.data.reasons], at: e.at } };
    // The fields themselves go from the store; replaying what remains gives the redacted case.
    case 'case.personal-data.erased':
      return c;
    case 'case.deadline.set':
      return { ...c, deadlines: withDeadline(c.deadlines, e.data.name, e.data.due) };
    case 'case.escalation.answered':
      return answered(c, e);
    case 'case.escalation.passed':
      return updateEscalation(c, e.data.escalationId, { holder: { personId: e.data.toPersonId, name: e.data.toName, stage: 'colleague' } });
    case 'case.escalation.handed_over':
      return updateEscalation(c, e.data.escalationId, { holder: { personId: e.data.toPersonId, name: e.data.toName, stage: e.data.stage } });
    case 'case.leadership.answered': {
      const leadershipAnswer = { answer: e.data.answer, note: e.data.note, by: e.actor.name };
      // "Ask for more" leaves it open: comms owes leadership more before they decide.
      const status = e.data.answer === 'more' ? 'acknowledged' : 'answered';
      return updateEscalation(c, e.data.escalationId, { status, answeredBy: e.actor.name, answer: e.data.note, leadershipAnswer });
    }
  }
}

/** Answered for comms (facts and wording), or by the service's own reply once comms approved it: named after its writer. */
function answered(c: Case, e: CaseEvent<'case.escalation.answered'>): Case {
  const { escalationId, facts, proposedReply, replyId } = e.data;
  if (replyId) {
    const reply = c.replies.find((r) => r.id === replyId);
    return updateEscalation(c, escalationId, { status: 'answered', answeredBy: reply?.by ?? e.actor.name, answer: `Reply approved by ${e.actor.name}` });
  }
  return updateEscalation(c, escalationId, { status: 'answered', answeredBy: e.actor.name, answer: facts, serviceAnswer: { facts: facts ?? '', proposedReply } });
}

function newEscalation(e: CaseEvent<'case.escalated'>): Escalation {
  return {
    id: e.data.escalationId,
    target: e.data.target,
    reason: e.data.reason,
    status: 'pending',
    raisedBy: e.actor.name,
    raisedAt: e.at,
    answeredBy: null,
    answer: null,
    ...(e.data.proposal ? { proposal: e.data.proposal } : {}),
  };
}

function newReply(e: CaseEvent<'case.reply.requested'>): Reply {
  const status = e.data.awaitingApproval ? 'awaiting_approval' : 'sending';
  const { replyId: id, text, visibility, formKey, forEscalation, managerOnly } = e.data;
  const service = forEscalation ? { forEscalation, ...(managerOnly ? { managerOnly } : {}) } : {};
  return { id, text, visibility, status, by: e.actor.name, at: e.at, formKey: formKey ?? null, networkReplyId: null, error: null, ...service };
}

function newModeration(e: CaseEvent<'case.moderation.requested'>): ModerationAction {
  const status = e.data.awaitingApproval ? 'awaiting_approval' : 'approved';
  return { id: e.data.moderationId, action: e.data.action, ruleId: e.data.ruleId, status, requestedBy: e.actor.name, decidedBy: null, note: e.data.note };
}

function updateEscalation(c: Case, id: string, patch: Partial<Escalation>): Case {
  return { ...c, escalations: c.escalations.map((x) => (x.id === id ? { ...x, ...patch } : x)) };
}

function updateReply(c: Case, id: string, patch: Partial<Reply>): Case {
  return { ...c, replies: c.replies.map((x) => (x.id === id ? { ...x, ...patch } : x)) };
}

function updateModeration(c: Case, id: string, patch: Partial<ModerationAction>): Case {
  return { ...c, moderation: c.moderation.map((x) => (x.id === id ? { ...x, ...patch } : x)) };
}

function withDeadline(deadlines: Readonly<Record<string, string>>, name: string, due: string | null) {
  const next = { ...deadlines };
  if (due === null) delete next[name];
  else next[name] = due;
  return next;
}
