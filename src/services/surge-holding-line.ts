// Owns the surge's holding line (issue 18): when leadership agrees a proposed holding line on a case in a surge, it
// is recorded once for the surge's topic (a later agreement does not replace it while it is in force), every open
// card of the topic is redrawn to show it, and each case's reply form offers it.
import type { Case } from '../domain/case.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import type { Mention } from '../domain/mention.js';
import { holdingLineCovers, holdingLineInForce, type HoldingLine } from '../policy/holding-line.js';
import type { DeskContext } from './desk-context.js';
import type { OutboxItem } from './ports.js';
import { topicOf } from './surge-alerts.js';

export const HOLDING_LINE_KIND = 'holding_line.agree';

/** Leadership agreed a proposed holding line: recording it waits for the outbox (it reads the surge). */
export function planHoldingLine(c: Case, stored: readonly IdentifiedCaseEvent[]): OutboxItem[] {
  return stored.flatMap((s) => {
    const e = s.event;
    if (e.type !== 'case.leadership.answered' || e.data.answer !== 'agree') return [];
    const esc = c.escalations.find((x) => x.id === e.data.escalationId);
    if (esc?.proposal?.kind !== 'holding_line' || !esc.proposal.text) return [];
    return [{ key: `holding-line:${s.id}`, kind: HOLDING_LINE_KIND, caseId: c.id, payload: { caseId: c.id, escalationId: esc.id, by: e.actor.name, byId: e.actor.personId, surface: e.actor.surface, at: e.at } }];
  });
}

export async function recordHoldingLine(ctx: DeskContext, job: { readonly payload: Readonly<Record<string, unknown>> }): Promise<Record<string, unknown>> {
  const p = job.payload as { caseId: string; escalationId: string; by: string; byId: string; surface: string; at: string };
  const c = await ctx.store.cases.get(p.caseId);
  const stored = c ? await ctx.store.mentions.get(c.mentionId) : null;
  const text = c?.escalations.find((e) => e.id === p.escalationId)?.proposal?.text;
  const topic = stored ? topicOf(ctx, stored.mention.text) : null;
  if (!c || !text || !topic) return { skipped: 'no topic or no proposed line' };
  const agreedAt = new Date(p.at);
  const windowMs = ctx.policy.risk.surge.withinMinutes * 60_000;
  const cluster = await ctx.store.mentions.recentOnTopic(topic, new Date(agreedAt.getTime() - windowMs), 500);
  if (cluster.length <= ctx.policy.risk.surge.cases) return { skipped: `not a surge: ${cluster.length} cases on "${topic}"` };
  const line: HoldingLine = { topic, text, agreedBy: p.by, agreedAt: agreedAt.toISOString(), caseId: c.id };
  const standing = await ctx.store.holdingLines.agree(line, (existing) => holdingLineInForce(ctx.policy, existing, agreedAt), { personId: p.byId, surface: p.surface });
  if (standing !== line && standing.caseId !== line.caseId) return { kept: standing.caseId };
  // Every card of the surge shows the line: redraw them (the refresh is keyed per agreement, so once).
  const refreshes = cluster.flatMap((r) => ctx.surfaces.map((surface): OutboxItem => ({ key: `card:${surface}:${r.caseId}:holding-line:${c.id}`, kind: 'chat.card.refresh', caseId: r.caseId, payload: { caseId: r.caseId, surface } })));
  await ctx.store.outbox.enqueue(refreshes);
  return { recorded: topic, cases: cluster.length };
}

/** The holding line that covers this case, if its topic's surge has one. */
export async function holdingLineFor(ctx: DeskContext, c: Case, mention: Mention): Promise<HoldingLine | null> {
  const topic = topicOf(ctx, mention.text);
  const line = topic ? await ctx.store.holdingLines.forTopic(topic) : null;
  return line && holdingLineCovers(ctx.policy, line, topic, new Date(c.postedAt)) ? line : null;
}
