// Intake: store mentions and open a case for each new one, all in one transaction per batch, in a
// constant number of statements whatever the batch's size (set-based, not one round trip per row).
import type { Mention } from '../domain/mention.js';
import { authorKey } from '../domain/mention.js';
import type { AppendedCaseEvent } from '../domain/events.js';
import { resolvePostTime, type PostTime } from '../policy/post-time.js';
import type { DeskContext } from './desk-context.js';
import { openCaseForMention, type OpenedCase } from './open-case-for-mention.js';
import { planSideEffects } from './plan-side-effects.js';
import type { MentionInsertOutcome, OutboxItem, UnitOfWork } from './ports.js';
import { readMention, type MentionReading } from './read-mention.js';
import { surgeAlerts } from './surge-alerts.js';

export interface IngestOutcome {
  readonly caseId: string;
  readonly duplicate: boolean;
}

/** One distinct post of the batch (a post sent twice in one batch is one arrival). */
interface Arrival {
  readonly mention: Mention;
  readonly mentionId: string;
  readonly receivedAt: Date;
  readonly posted: PostTime;
  readonly reading: MentionReading;
}

/**
 * All or nothing: if any mention fails to store, none is stored and the caller gets no 2xx.
 * Statements: mentions (and, for duplicates, their ids and cases), case numbers, cases, accounts,
 * surge look-up, events, outbox: the same count for 1 mention or 100.
 */
export async function ingestMentions(ctx: DeskContext, mentions: readonly Mention[]): Promise<IngestOutcome[]> {
  const { arrivals, arrivalOf } = arrive(ctx, mentions);
  return ctx.store.transaction(async (uow) => {
    const stored = await uow.mentions.insertManyIfNew(arrivals.map((a) => ({ id: a.mentionId, mention: a.mention, receivedAt: a.receivedAt, extra: { topic: a.reading.suggestion.serviceTag, postedAt: a.posted.countsFrom } })));
    const fresh = arrivals.filter((_, i) => stored[i]!.inserted);
    const caseIds = await uow.cases.nextCaseIds(fresh.length);
    const opened = fresh.map((a, i) => openCaseForMention(ctx, caseIds[i]!, a.mentionId, a.mention, a.receivedAt, a.posted, a.reading));
    const outcomes = await outcomesOf(uow, arrivals, stored, opened);
    if (!opened.length) return arrivalOf.map((i) => outcomes[i]!);
    await uow.cases.insertMany(opened.map((o) => o.case));
    await uow.accounts.recordSeenMany(fresh.map((a) => ({ account: accountOf(a.mention), at: a.receivedAt })));
    const topics = new Set(fresh.map((a) => a.reading.suggestion.serviceTag).filter((t): t is string => t !== null));
    const surges = topics.size ? await surgeAlerts(ctx, uow, ctx.clock.now(), topics) : [];
    const appended = await uow.events.append(opened.flatMap((o) => o.events));
    await uow.outbox.enqueue([...opened.flatMap((o) => effectsOf(ctx, o, appended)), ...surges]);
    // A post sent twice in one batch: the second is a duplicate of the first.
    return arrivalOf.map((i, n) => (arrivalOf.indexOf(i) === n ? outcomes[i]! : { caseId: outcomes[i]!.caseId, duplicate: true }));
  });
}

/**
 * Each distinct post once, read once (topic, risk, safeguarding, FOI), before the transaction: the
 * detectors are the slow part and need no database. `arrivalOf[n]` is the arrival of mentions[n].
 */
function arrive(ctx: DeskContext, mentions: readonly Mention[]): { arrivals: Arrival[]; arrivalOf: number[] } {
  const arrivals: Arrival[] = [];
  const byKey = new Map<string, number>();
  const arrivalOf = mentions.map((mention) => {
    const key = `${mention.network}\u0000${mention.externalId}`;
    const known = byKey.get(key);
    if (known !== undefined) return known;
    const receivedAt = ctx.clock.now();
    const mentionId = ctx.newId();
    const posted = resolvePostTime(ctx.policy, mention.postedAt, receivedAt);
    arrivals.push({ mention, mentionId, receivedAt, posted, reading: readMention(ctx.policy, mention) });
    byKey.set(key, arrivals.length - 1);
    return arrivals.length - 1;
  });
  return { arrivals, arrivalOf };
}

/** Per arrival: its new case, or the case its earlier copy opened. */
async function outcomesOf(uow: UnitOfWork, arrivals: readonly Arrival[], stored: readonly MentionInsertOutcome[], opened: readonly OpenedCase[]): Promise<IngestOutcome[]> {
  const existingIds = stored.flatMap((s) => (s.inserted ? [] : [s.existingId]));
  const existing = new Map((await uow.cases.findByMentions(existingIds)).map((c) => [c.mentionId, c.id]));
  let next = 0;
  return arrivals.map((_, i) => {
    const s = stored[i]!;
    if (s.inserted) return { caseId: opened[next++]!.case.id, duplicate: false };
    const caseId = existing.get(s.existingId);
    if (!caseId) throw new Error(`mention ${s.existingId} is stored without a case`);
    return { caseId, duplicate: true };
  });
}

function effectsOf(ctx: DeskContext, o: OpenedCase, appended: readonly AppendedCaseEvent[]): OutboxItem[] {
  const own = appended.filter((s) => s.event.caseId === o.case.id);
  return [...planSideEffects(ctx, o.case, own), ...o.extraEffects];
}

function accountOf(m: Mention) {
  const { id, name, handle, followers, verified } = m.author;
  return { key: authorKey(m), network: m.network, authorId: id, name, handle, followers, verified };
}
