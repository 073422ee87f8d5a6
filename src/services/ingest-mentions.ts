// Intake: store mentions and open a case for each new one, all in one transaction per batch.
import { systemActor } from '../domain/actor.js';
import { evolveCase } from '../domain/evolve-case.js';
import { authorKey, type Mention } from '../domain/mention.js';
import { buildCaseOpened } from '../domain/open-case.js';
import { assessRisk } from '../policy/assess-risk.js';
import { deadlinesFor } from '../policy/response-clocks.js';
import type { DeskContext } from './desk-context.js';
import { planSideEffects } from './plan-side-effects.js';
import type { UnitOfWork } from './ports.js';

export interface IngestOutcome {
  readonly caseId: string;
  readonly duplicate: boolean;
}

/** All or nothing: if any mention fails to store, none is stored and the caller gets no 2xx. */
export async function ingestMentions(ctx: DeskContext, mentions: readonly Mention[]): Promise<IngestOutcome[]> {
  return ctx.store.transaction(async (uow) => {
    const outcomes: IngestOutcome[] = [];
    for (const m of mentions) outcomes.push(await ingestOne(ctx, uow, m));
    return outcomes;
  });
}

async function ingestOne(ctx: DeskContext, uow: UnitOfWork, mention: Mention): Promise<IngestOutcome> {
  const receivedAt = ctx.clock.now();
  const mentionId = ctx.newId();
  const stored = await uow.mentions.insertIfNew(mentionId, mention, receivedAt);
  if (!stored.inserted) {
    const existing = await uow.cases.findByMention(stored.existingId);
    if (!existing) throw new Error(`mention ${stored.existingId} is stored without a case`);
    return { caseId: existing.id, duplicate: true };
  }
  const opened = buildCaseOpened(
    {
      caseId: await uow.cases.nextCaseId(),
      mentionId,
      network: mention.network,
      authorKey: authorKey(mention),
      receivedAt,
      receivedOutOfHours: !ctx.calendar.isOpen(receivedAt),
      risk: assessRisk(ctx.policy, mention).level,
      deadlines: deadlinesFor(ctx.policy, ctx.calendar, 'opened', receivedAt),
    },
    systemActor(),
  );
  const c = evolveCase(null, opened);
  await uow.cases.insert(c);
  const events = await uow.events.append([opened]);
  await uow.accounts.recordSeen(accountOf(mention), receivedAt);
  await uow.outbox.enqueue(planSideEffects(ctx, c, events));
  return { caseId: c.id, duplicate: false };
}

function accountOf(m: Mention) {
  const { id, name, handle, followers, verified } = m.author;
  return { key: authorKey(m), network: m.network, authorId: id, name, handle, followers, verified };
}
