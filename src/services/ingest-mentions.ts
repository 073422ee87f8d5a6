// Intake: store mentions and open a case for each new one, all in one transaction per batch.
import type { Mention } from '../domain/mention.js';
import { authorKey } from '../domain/mention.js';
import { resolvePostTime } from '../policy/post-time.js';
import type { AppendedCaseEvent } from '../domain/events.js';
import type { DeskContext } from './desk-context.js';
import { openCaseForMention, type OpenedCase } from './open-case-for-mention.js';
import { planSideEffects } from './plan-side-effects.js';
import type { OutboxItem, UnitOfWork } from './ports.js';
import { surgeAlerts, topicOf } from './surge-alerts.js';

export interface IngestOutcome {
  readonly caseId: string;
  readonly duplicate: boolean;
}

/**
 * All or nothing: if any mention fails to store, none is stored and the caller gets no 2xx.
 * The batch's events are appended in one call, late in the transaction: appending holds the
 * event chain's head, so the less that follows it, the more batches run side by side.
 */
export async function ingestMentions(ctx: DeskContext, mentions: readonly Mention[]): Promise<IngestOutcome[]> {
  return ctx.store.transaction(async (uow) => {
    const outcomes: IngestOutcome[] = [];
    const opened: Array<OpenedCase & { topic: string | null }> = [];
    for (const m of mentions) {
      const result = await storeOne(ctx, uow, m);
      outcomes.push(result.outcome);
      if (result.opened) opened.push(result.opened);
    }
    if (!opened.length) return outcomes;
    const topics = new Set(opened.map((o) => o.topic).filter((t): t is string => t !== null));
    const surges = topics.size ? await surgeAlerts(ctx, uow, ctx.clock.now(), topics) : [];
    const stored = await uow.events.append(opened.flatMap((o) => o.events));
    await uow.outbox.enqueue([...opened.flatMap((o) => effectsOf(ctx, o, stored)), ...surges]);
    return outcomes;
  });
}

async function storeOne(ctx: DeskContext, uow: UnitOfWork, mention: Mention): Promise<{ outcome: IngestOutcome; opened?: OpenedCase & { topic: string | null } }> {
  const receivedAt = ctx.clock.now();
  const mentionId = ctx.newId();
  const topic = topicOf(ctx, mention.text);
  const posted = resolvePostTime(ctx.policy, mention.postedAt, receivedAt);
  const stored = await uow.mentions.insertIfNew(mentionId, mention, receivedAt, { topic, postedAt: posted.countsFrom });
  if (!stored.inserted) {
    const existing = await uow.cases.findByMention(stored.existingId);
    if (!existing) throw new Error(`mention ${stored.existingId} is stored without a case`);
    return { outcome: { caseId: existing.id, duplicate: true } };
  }
  const opened = openCaseForMention(ctx, await uow.cases.nextCaseId(), mentionId, mention, receivedAt, posted);
  await uow.cases.insert(opened.case);
  await uow.accounts.recordSeen(accountOf(mention), receivedAt);
  return { outcome: { caseId: opened.case.id, duplicate: false }, opened: { ...opened, topic } };
}

function effectsOf(ctx: DeskContext, o: OpenedCase, stored: readonly AppendedCaseEvent[]): OutboxItem[] {
  const own = stored.filter((s) => s.event.caseId === o.case.id);
  return [...planSideEffects(ctx, o.case, own), ...o.extraEffects];
}

function accountOf(m: Mention) {
  const { id, name, handle, followers, verified } = m.author;
  return { key: authorKey(m), network: m.network, authorId: id, name, handle, followers, verified };
}
