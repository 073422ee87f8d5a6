// Intake: store mentions and open a case for each new one, all in one transaction per batch, in a
// constant number of statements whatever the batch's size (set-based, not one round trip per row).
import type { Mention } from '../domain/mention.js';
import { authorKey } from '../domain/mention.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import { resolvePostTime, type PostTime } from '../policy/post-time.js';
import type { DeskContext } from './desk-context.js';
import { openCaseForMention, type OpenedCase } from './open-case-for-mention.js';
import { planSideEffects } from './plan-side-effects.js';
import type { OutboxItem, UnitOfWork } from './ports.js';
import { readMention, type MentionReading } from '../policy/read-mention.js';
import { surgeAlerts, surgeWindow } from './surge-alerts.js';

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
 * Statements (src/store/pg-intake-store.ts): the mentions with their case ids and the surge look-up of their
 * topics; the cases, accounts, events and outbox items: two for 1 mention or 100, besides BEGIN and COMMIT.
 */
export async function ingestMentions(ctx: DeskContext, mentions: readonly Mention[]): Promise<IngestOutcome[]> {
  const { arrivals, arrivalOf } = arrive(ctx, mentions);
  return ctx.store.transaction(async (uow) => {
    const now = ctx.clock.now();
    const { claims, recent } = await uow.intake.claim(
      arrivals.map((a) => ({ id: a.mentionId, mention: a.mention, receivedAt: a.receivedAt, extra: { topic: a.reading.serviceTag, postedAt: a.posted.countsFrom } })),
      surgeWindow(ctx, now),
    );
    const fresh = arrivals.flatMap((a, i) => (claims[i]!.inserted ? [{ ...a, caseId: claims[i]!.caseId }] : []));
    if (fresh.length) await openCases(ctx, uow, fresh, surgeAlerts(ctx, now, recent));
    const outcomes = claims.map((c) => ({ caseId: c.caseId, duplicate: !c.inserted }));
    // A post sent twice in one batch: the second is a duplicate of the first.
    return arrivalOf.map((i, n) => (arrivalOf.indexOf(i) === n ? outcomes[i]! : { caseId: outcomes[i]!.caseId, duplicate: true }));
  });
}

/** A case for each arrival stored now, with its author's sighting, its events and what they set off. */
async function openCases(ctx: DeskContext, uow: UnitOfWork, fresh: ReadonlyArray<Arrival & { readonly caseId: string }>, surges: readonly OutboxItem[]): Promise<void> {
  const opened = fresh.map((a) => openCaseForMention(ctx, a.caseId, a.mentionId, a.mention, a.receivedAt, a.posted, a.reading));
  const events = uow.intake.identify(opened.flatMap((o) => o.events));
  await uow.intake.record({
    cases: opened.map((o) => o.case),
    sightings: fresh.map((a) => ({ account: accountOf(a.mention), at: a.receivedAt })),
    events,
    outbox: [...opened.flatMap((o) => effectsOf(ctx, o, events)), ...surges],
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
    arrivals.push({ mention, mentionId, receivedAt, posted, reading: readMention(ctx.policy, mention, ctx.learned?.current()) });
    byKey.set(key, arrivals.length - 1);
    return arrivals.length - 1;
  });
  return { arrivals, arrivalOf };
}

function effectsOf(ctx: DeskContext, o: OpenedCase, events: readonly IdentifiedCaseEvent[]): OutboxItem[] {
  const own = events.filter((s) => s.event.caseId === o.case.id);
  return [...planSideEffects(ctx, o.case, own), ...o.extraEffects];
}

function accountOf(m: Mention) {
  const { id, name, handle, followers, verified } = m.author;
  return { key: authorKey(m), network: m.network, authorId: id, name, handle, followers, verified };
}
