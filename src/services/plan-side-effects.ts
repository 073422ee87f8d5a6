// What must happen outside after events are stored: card refreshes, thread lines, network actions.
// Written to the outbox in the same transaction as the events, so nothing is lost or done twice.
import type { Case } from '../domain/case.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import type { ChatSurface } from '../policy/policy-directory.js';
import type { DeskContext } from './desk-context.js';
import { planClockJobs } from './plan-clock-jobs.js';
import { planEscalationJobs } from './plan-escalation-jobs.js';
import type { OutboxItem } from './ports.js';
import { reputationNotices } from './reputation-notices.js';

export function planSideEffects(ctx: Pick<DeskContext, 'surfaces' | 'policy' | 'calendar'>, c: Case, stored: readonly IdentifiedCaseEvent[]): OutboxItem[] {
  const { surfaces } = ctx;
  const items: OutboxItem[] = planClockJobs(ctx.policy, ctx.calendar, c, stored);
  for (const surface of surfaces) {
    items.push({ key: `card:${surface}:${c.id}:v${c.version}`, kind: 'chat.card.refresh', caseId: c.id, payload: { caseId: c.id, surface } });
    for (const s of stored) {
      // The reputational flag's thread line is its notice to the comms managers (src/services/reputation-notices.ts).
      if (s.event.type === 'case.opened' || s.event.type === 'case.deadline.set' || s.event.type === 'case.reputation.flagged') continue;
      items.push({ key: `thread:${surface}:${s.id}`, kind: 'chat.thread.line', caseId: c.id, payload: { caseId: c.id, surface, eventId: s.id } });
    }
  }
  for (const s of stored) items.push(...networkEffects(c, s, surfaces), ...newOwnerNotices(c, s, surfaces), ...reputationNotices(c, s, surfaces));
  items.push(...planEscalationJobs(ctx, c, stored));
  return items;
}

/** A case given to someone is told to them directly, with a link to its card, not left for them to find. */
function newOwnerNotices(c: Case, s: IdentifiedCaseEvent, surfaces: readonly ChatSurface[]): OutboxItem[] {
  const e = s.event;
  if (e.type !== 'case.reassigned') return [];
  const text = `${e.actor.name} gave you case ${c.id}: it is yours now.`;
  return surfaces.map((surface) => ({
    key: `notice:${surface}:reassigned:${s.id}`,
    kind: 'chat.notice',
    caseId: c.id,
    payload: { caseId: c.id, surface, audience: 'owner', ownerId: e.data.toPersonId, text, linkToCard: true },
  }));
}

function networkEffects(c: Case, s: IdentifiedCaseEvent, surfaces: readonly ChatSurface[]): OutboxItem[] {
  const e = s.event;
  const base = { caseId: c.id };
  switch (e.type) {
    case 'case.reply.requested':
      return e.data.awaitingApproval
        ? surfaces.map((surface) => ({ ...base, key: `approval:${surface}:${c.id}:${e.data.replyId}`, kind: 'chat.approval.request', payload: { caseId: c.id, surface, replyId: e.data.replyId } }))
        : [{ ...base, key: `network:reply:${c.id}:${e.data.replyId}`, kind: 'network.reply', payload: { caseId: c.id, replyId: e.data.replyId } }];
    case 'case.reply.approved':
      return [{ ...base, key: `network:reply:${c.id}:${e.data.replyId}`, kind: 'network.reply', payload: { caseId: c.id, replyId: e.data.replyId } }];
    case 'case.moderation.requested':
      return e.data.awaitingApproval
        ? surfaces.map((surface) => ({ ...base, key: `approval:${surface}:${c.id}:${e.data.moderationId}`, kind: 'chat.approval.request', payload: { caseId: c.id, surface, moderationId: e.data.moderationId } }))
        : [{ ...base, key: `network:moderate:${c.id}:${e.data.moderationId}`, kind: 'network.moderate', payload: { caseId: c.id, moderationId: e.data.moderationId } }];
    case 'case.moderation.approved':
      return [{ ...base, key: `network:moderate:${c.id}:${e.data.moderationId}`, kind: 'network.moderate', payload: { caseId: c.id, moderationId: e.data.moderationId } }];
    case 'case.escalated':
      return surfaces.map((surface) => ({ ...base, key: `escalation:${surface}:${c.id}:${e.data.escalationId}`, kind: 'chat.escalation.post', payload: { caseId: c.id, surface, escalationId: e.data.escalationId } }));
    default:
      return [];
  }
}
