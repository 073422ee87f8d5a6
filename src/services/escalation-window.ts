// Owns the acknowledgement window of a service escalation (issue 18): a durable job at the moment of escalating
// (the lead may be away) and one when the window closes; each hands an unacknowledged escalation on, lead →
// deputy → comms manager, as a system command, so every hop is an event, a thread line and a notice.
import { systemActor } from '../domain/actor.js';
import { isOpenEscalation, type Case, type Escalation } from '../domain/case.js';
import { isAwayAt } from '../policy/away.js';
import { allHoldersAway, nextHop } from '../policy/escalation-handover.js';
import type { DeskContext } from './desk-context.js';
import { executeCaseCommand } from './execute-case-command.js';
import type { EscalationStage } from './plan-escalation-jobs.js';

export async function runEscalationWindow(ctx: DeskContext, item: { readonly payload: Readonly<Record<string, unknown>> }): Promise<Record<string, unknown>> {
  const { caseId, escalationId, holderId, stage } = item.payload as { caseId: string; escalationId: string; holderId: string | null; stage: EscalationStage };
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
