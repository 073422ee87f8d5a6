// A surge of mentions on one topic is itself something to raise (001 risks, 004 §6): one alert per surge.
import { suggestClassification } from '../policy/suggest-classification.js';
import { detectSurge } from '../policy/surge.js';
import type { DeskContext } from './desk-context.js';
import type { OutboxItem, UnitOfWork } from './ports.js';

/** The topic a mention is about, read once on arrival (its likely service), for grouping. */
export function topicOf(ctx: DeskContext, text: string): string | null {
  return suggestClassification(ctx.policy, text).serviceTag;
}

/** Only the topics this batch touched can have tipped into a surge. */
export async function surgeAlerts(ctx: DeskContext, uow: UnitOfWork, now: Date, topics: ReadonlySet<string>): Promise<OutboxItem[]> {
  const since = new Date(now.getTime() - ctx.policy.risk.surge.withinMinutes * 60_000);
  const recent = [];
  // One more than the threshold is enough to know a surge is on, and its first case names it.
  const enough = ctx.policy.risk.surge.cases + 1;
  for (const topic of topics) recent.push(...(await uow.mentions.recentOnTopic(topic, since, enough)).map((r) => ({ caseId: r.caseId, topic, postedAt: r.postedAt })));
  return detectSurge(ctx.policy, recent, now).flatMap((surge) =>
    // Keyed by the surge's first case: the same surge growing raises no second alert.
    ctx.surfaces.map((surface) => ({
      key: `surge:${surface}:${surge.topic}:${surge.caseIds[0]}`,
      kind: 'chat.notice',
      caseId: surge.caseIds[0] ?? null,
      payload: { caseId: surge.caseIds[0], surface, audience: 'managers_and_leadership', ownerId: null, text: `${surge.message} Cases: ${surge.caseIds.join(', ')}.`, caseIds: surge.caseIds },
    })),
  );
}
