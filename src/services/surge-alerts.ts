// A surge of mentions on one topic is itself something to raise (001 risks, 004 §6): one alert per surge.
import { suggestClassification } from '../policy/suggest-classification.js';
import { detectSurge } from '../policy/surge.js';
import type { DeskContext } from './desk-context.js';
import type { CaseOnTopic, OutboxItem, UnitOfWork } from './ports.js';

/** The topic a mention is about, read once on arrival (its likely service), for grouping. */
export function topicOf(ctx: DeskContext, text: string): string | null {
  return suggestClassification(ctx.policy, text).serviceTag;
}

/**
 * Only the topics of the cases being opened (`opening`, not stored yet: they count as stored) can have tipped into
 * a surge; every topic is looked up in one statement.
 */
export async function surgeAlerts(ctx: DeskContext, uow: UnitOfWork, now: Date, opening: readonly CaseOnTopic[]): Promise<OutboxItem[]> {
  const since = new Date(now.getTime() - ctx.policy.risk.surge.withinMinutes * 60_000);
  // One more than the threshold is enough to know a surge is on, and its first case names it.
  const enough = ctx.policy.risk.surge.cases + 1;
  const recent = await uow.intake.recentOnTopics([...new Set(opening.map((o) => o.topic))], since, enough, opening);
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
