// Owns the acknowledgement window of a service escalation (issue 18): a durable job at the moment of escalating
// (the lead may be away) and one when the window closes; each hands an unacknowledged escalation on, lead →
// deputy → comms manager, as a system command, so every hop is an event, a thread line and a notice.
import { systemActor } from '../domain/actor.js';
import { isOpenEscalation, type Case, type Escalation } from '../domain/case.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import { isAwayAt } from '../policy/away.js';
import { formatLocalTime } from '../policy/format-local-time.js';
import { acknowledgeDue, allHoldersAway, nextHop } from '../policy/escalation-handover.js';
import type { DeskContext } from './desk-context.js';
import { executeCaseCommand } from './execute-case-command.js';
import type { OutboxItem } from './ports.js';
import { planHoldingLine } from './surge-holding-line.js';

export const ESCALATION_WINDOW_KIND = 'escalation.window';

type Stage = 'start' | 'window';

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

function job(caseId: string, escalationId: string, holderId: string | null, stage: Stage, runAt: Date, eventId: string): OutboxItem {
  return { key: `escalation:${stage}:${caseId}:${escalationId}:${eventId}`, kind: ESCALATION_WINDOW_KIND, caseId, runAt, payload: { caseId, escalationId, holderId, stage } };
}

export async function runEscalationWindow(ctx: DeskContext, item: { readonly payload: Readonly<Record<string, unknown>> }): Promise<Record<string, unknown>> {
  const { caseId, escalationId, holderId, stage } = item.payload as { caseId: string; escalationId: string; holderId: string | null; stage: Stage };
  const c = await ctx.store.cases.get(caseId);
  const esc = c?.escalations.find((e) => e.id === escalationId);
  if (!c || !esc || !isOpenEscalation(esc)) return { skipped: 'the escalation is answered or gone' };
  if ((esc.holder?.personId ?? null) !== (holderId ?? null)) return { skipped: 'the escalation has moved on since' };
  if (esc.status === 'acknowledged') return { skipped: 'acknowledged in time' };
  const periods = await ctx.store.away.list();
  const now = ctx.clock.now();
  const isAway = (personId: string) => isAwayAt(periods, personId, now, ctx.policy.calendar.timeZone);
  const away = allHoldersAway(ctx.policy, esc, isAway);
  if (stage === 'start' && !away) return { skipped: 'the lead is in' };
  return handOver(ctx, c, esc, isAway, away ? 'away' : 'not_acknowledged');
}

async function handOver(ctx: DeskContext, c: Case, esc: Escalation, isAway: (id: string) => boolean, why: 'away' | 'not_acknowledged'): Promise<Record<string, unknown>> {
  const hop = nextHop(ctx.policy, esc, isAway);
  if (!hop) return { skipped: 'the end of the chain: the comms manager holds it' };
  const command = { type: 'case.escalation.handover' as const, escalationId: esc.id, ...hop, why };
  const result = await executeCaseCommand(ctx, { caseId: c.id, seenVersion: null, command, actor: systemActor() });
  if (!result.ok) return { skipped: result.refusal.message };
  // Away all along: the next holder may be away too, so look again at once rather than after another window.
  if (why === 'away' && hop.stage === 'deputy') {
    const moved = result.case.escalations.find((e) => e.id === esc.id);
    if (moved && isOpenEscalation(moved) && allHoldersAway(ctx.policy, moved, isAway)) return handOver(ctx, result.case, moved, isAway, 'away');
  }
  return { handedTo: hop.toPersonId, stage: hop.stage };
}
