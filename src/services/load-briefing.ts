// Owns gathering what leadership's briefing needs from the store (issue 18): cases on the same topic and the surge
// counts for this window and the one before; the briefing itself is built in src/cards/build-briefing.ts.
import { buildBriefing, type SurgeCluster } from '../cards/build-briefing.js';
import type { CardFact } from '../cards/card-model.js';
import type { Case } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { DeskContext } from './desk-context.js';
import { topicOf } from './surge-alerts.js';

const RELATED_LIMIT = 200;

export async function loadBriefing(ctx: DeskContext, c: Case, mention: Mention): Promise<CardFact[] | null> {
  const esc = [...c.escalations].reverse().find((e) => e.target.type === 'leadership');
  if (!esc) return null;
  const now = ctx.clock.now();
  const topic = topicOf(ctx, mention.text);
  const windowMs = ctx.policy.risk.surge.withinMinutes * 60_000;
  const recent = topic ? await ctx.store.mentions.recentOnTopic(topic, new Date(now.getTime() - 2 * windowMs), RELATED_LIMIT) : [];
  const inWindow = recent.filter((r) => r.postedAt.getTime() > now.getTime() - windowMs && r.postedAt.getTime() <= now.getTime());
  const before = recent.length - inWindow.length;
  const surge: SurgeCluster | null = topic && inWindow.length > ctx.policy.risk.surge.cases
    ? { topic, size: inWindow.length, previous: before, caseIds: inWindow.map((r) => r.caseId) }
    : null;
  const related = recent.filter((r) => r.caseId !== c.id).map((r) => r.caseId).reverse();
  return buildBriefing({ case: c, escalation: esc, mention, policy: ctx.policy, now, related, surge });
}
