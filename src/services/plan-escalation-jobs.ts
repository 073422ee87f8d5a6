// Owns planning the durable jobs of a service escalation's acknowledgement window (issue 18), and what else a leadership
// answer brings (a surge's holding line, a statement to draft): the outbox items a change adds. Running a window's job
// is escalation-window.ts.
import type { Case } from '../domain/case.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import { acknowledgeDue } from '../policy/escalation-handover.js';
import type { DeskContext } from './desk-context.js';
import type { OutboxItem } from './ports.js';
import { planHoldingLine } from './surge-holding-line.js';

export const ESCALATION_WINDOW_KIND = 'escalation.window';

/** Which job: the one at the moment of escalating, or the one when the window closes. */
export type EscalationStage = 'start' | 'window';

/** The jobs a change brings: a new escalation, or one passed or handed to someone new, starts a window for its holder. */
export function planEscalationJobs(ctx: Pick<DeskContext, 'policy' | 'calendar' | 'surfaces'>, c: Case, stored: readonly IdentifiedCaseEvent[]): OutboxItem[] {
  const items: OutboxItem[] = [];
  for (const s of stored) {
    const e = s.event;
    if (e.type === 'case.leadership.answered') items.push(...planHoldingLine(c, [s]), ...statementTask(ctx, c, s));
    if (e.type === 'case.escalated' && e.data.target.type === 'service_lead') {
      const tag = e.data.target.serviceTag;
      items.push(job(c.id, e.data.escalationId, null, 'start', new Date(e.at), s.id));
      items.push(job(c.id, e.data.escalationId, null, 'window', acknowledgeDue(ctx.policy, ctx.calendar, tag, new Date(e.at)), s.id));
    }
    if (e.type === 'case.escalation.handed_over' || e.type === 'case.escalation.passed') {
      const esc = c.escalations.find((x) => x.id === e.data.escalationId);
      if (esc?.target.type !== 'service_lead') continue;
      if (e.type === 'case.escalation.passed' || e.data.stage === 'deputy') {
        items.push(job(c.id, esc.id, e.data.toPersonId, 'window', acknowledgeDue(ctx.policy, ctx.calendar, esc.target.serviceTag, new Date(e.at)), s.id));
      }
      const why = e.type === 'case.escalation.passed' ? `${e.actor.name} passed you the escalation on ${c.id}` : `The escalation on ${c.id} is yours now (${e.data.why === 'away' ? 'the lead is away' : 'nobody acknowledged it in time'})`;
      items.push(...ctx.surfaces.map((surface): OutboxItem => ({
        key: `notice:${surface}:escalation-holder:${s.id}`, kind: 'chat.notice', caseId: c.id,
        payload: { caseId: c.id, surface, audience: 'owner', ownerId: e.data.toPersonId, text: `${why}: please acknowledge it and give the substantive answer.`, linkToCard: true },
      })));
    }
  }
  return items;
}

/** "Needs a statement": the comms managers are told, with the statement clock's deadline, in the card's thread. */
function statementTask(ctx: Pick<DeskContext, 'policy' | 'surfaces'>, c: Case, s: IdentifiedCaseEvent): OutboxItem[] {
  const e = s.event;
  if (e.type !== 'case.leadership.answered' || e.data.answer !== 'statement') return [];
  const due = Object.entries(c.deadlines).find(([id]) => ctx.policy.clocks.some((k) => k.id === id && k.startsOn === 'statement_requested'))?.[1];
  const by = due ? ` by ${formatLocalTime(due, ctx.policy.calendar.timeZone, new Date(e.at))}` : '';
  const text = `${e.actor.name} (leadership) needs a statement on ${c.id}${e.data.note ? ` (${e.data.note})` : ''}: comms manager, please draft it${by}.`;
  return ctx.surfaces.map((surface) => ({ key: `notice:${surface}:statement:${s.id}`, kind: 'chat.notice', caseId: c.id, payload: { caseId: c.id, surface, audience: 'channel_and_managers', ownerId: null, text } }));
}

function job(caseId: string, escalationId: string, holderId: string | null, stage: EscalationStage, runAt: Date, eventId: string): OutboxItem {
  return { key: `escalation:${stage}:${caseId}:${escalationId}:${eventId}`, kind: ESCALATION_WINDOW_KIND, caseId, runAt, payload: { caseId, escalationId, holderId, stage } };
}
