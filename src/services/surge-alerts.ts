// A surge of mentions on one topic is itself something to raise (001 risks, 004 §6): one alert per surge.
import { suggestClassification } from '../policy/suggest-classification.js';
import { detectSurge } from '../policy/surge.js';
import type { DeskContext } from './desk-context.js';
import type { CaseOnTopic } from './intake-ports.js';
import type { OutboxItem } from './ports.js';

/** The topic a mention is about, read once on arrival (its likely service), for grouping. */
export function topicOf(ctx: DeskContext, text: string): string | null {
  return suggestClassification(ctx.policy, text).serviceTag;
}

/**
 * The cases a surge is judged on: only the topics of the cases being opened can have tipped into one, and one more
 * than the threshold is enough to know a surge is on (its first case names it).
 */
export function surgeWindow(ctx: DeskContext, now: Date): { since: Date; limit: number } {
  return { since: new Date(now.getTime() - ctx.policy.risk.surge.withinMinutes * 60_000), limit: ctx.policy.risk.surge.cases + 1 };
}

/**
 * The cases a surge on each topic of `opening` is judged on: the stored ones intake's look read on it (up to `limit`
 * posted since `since`, oldest first) with the cases being opened that fall in the window, counted as if stored, the
 * first `limit` of both by post time, then case id (the first of each list are enough: a surge is named by its first
 * case).
 */
export function withCasesOpening(stored: readonly CaseOnTopic[], opening: readonly CaseOnTopic[], window: { since: Date; limit: number }): CaseOnTopic[] {
  const topics = new Set(opening.map((c) => c.topic));
  const inWindow = opening.filter((c) => c.postedAt.getTime() >= window.since.getTime());
  return [...topics].flatMap((topic) =>
    [...stored, ...inWindow]
      .filter((c) => c.topic === topic)
      .sort((a, b) => a.postedAt.getTime() - b.postedAt.getTime() || (a.caseId < b.caseId ? -1 : a.caseId > b.caseId ? 1 : 0))
      .slice(0, window.limit),
  );
}

/** An alert for each surge among `recent` (read through surgeWindow). */
export function surgeAlerts(ctx: DeskContext, now: Date, recent: readonly CaseOnTopic[]): OutboxItem[] {
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
