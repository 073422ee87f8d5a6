// A surge of mentions on one topic is itself something to raise (001 risks, 004 §6): one alert per surge.
import { suggestClassification } from '../policy/suggest-classification.js';
import { detectSurge } from '../policy/surge.js';
import type { DeskContext } from './desk-context.js';
import type { OutboxItem, UnitOfWork } from './ports.js';

export async function surgeAlerts(ctx: DeskContext, uow: UnitOfWork, now: Date): Promise<OutboxItem[]> {
  const since = new Date(now.getTime() - ctx.policy.risk.surge.withinMinutes * 60_000);
  const recent = (await uow.mentions.receivedSince(since)).map((r) => ({
    caseId: r.caseId,
    topic: suggestClassification(ctx.policy, r.mention.text).serviceTag,
    openedAt: r.receivedAt,
  }));
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
