// Intake: store mentions and open a case for each new one, all in one transaction per batch.
import { systemActor } from '../domain/actor.js';
import { evolveCase } from '../domain/evolve-case.js';
import { authorKey, type Mention } from '../domain/mention.js';
import { buildCaseOpened } from '../domain/open-case.js';
import { assessRisk } from '../policy/assess-risk.js';
import { deadlinesFor } from '../policy/response-clocks.js';
import type { DeskContext } from './desk-context.js';
import { planSideEffects } from './plan-side-effects.js';
import type { OutboxItem, UnitOfWork } from './ports.js';
import type { Case } from '../domain/case.js';
import { decideCaseCommand } from '../domain/decide-case-command.js';
import type { CaseEvent } from '../domain/events.js';
import { autoReplyNightKey, outOfHoursAutoReply } from '../policy/out-of-hours.js';
import { detectSafeguarding, safeguardingMessage } from '../policy/safeguarding.js';
import { decisionContext } from './execute-case-command.js';

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
  const openedCase = evolveCase(null, opened);
  const referral = safeguardingReferral(ctx, openedCase, mention);
  const c = referral.reduce<Case>((x, e) => evolveCase(x, e), openedCase);
  await uow.cases.insert(c);
  const events = await uow.events.append([opened, ...referral]);
  await uow.accounts.recordSeen(accountOf(mention), receivedAt);
  await uow.outbox.enqueue([...planSideEffects(ctx, c, events), ...outOfHoursReply(ctx, c, mention, receivedAt)]);
  return { caseId: c.id, duplicate: false };
}

/** A safeguarding concern or a threat goes at once to the safeguarding lead, in or out of hours (004 §2). */
function safeguardingReferral(ctx: DeskContext, c: Case, mention: Mention): readonly CaseEvent[] {
  const matched = detectSafeguarding(ctx.policy, mention.text);
  if (!matched.length) return [];
  const decision = decideCaseCommand(c, { type: 'case.escalate', target: { type: 'safeguarding' }, reason: safeguardingMessage(matched) }, decisionContext(ctx, systemActor()));
  return decision.ok ? decision.events : [];
}

/** Where the policy asks for it, one out-of-hours reply per author per closed spell: the key makes a second impossible. */
function outOfHoursReply(ctx: DeskContext, c: Case, mention: Mention, receivedAt: Date): OutboxItem[] {
  const text = outOfHoursAutoReply(ctx.policy, ctx.calendar, mention, receivedAt);
  if (!text) return [];
  const key = `ooh:${autoReplyNightKey(ctx.calendar, authorKey(mention), receivedAt)}`;
  return [{ key, kind: 'network.auto_reply', caseId: c.id, payload: { caseId: c.id, text } }];
}

function accountOf(m: Mention) {
  const { id, name, handle, followers, verified } = m.author;
  return { key: authorKey(m), network: m.network, authorId: id, name, handle, followers, verified };
}
