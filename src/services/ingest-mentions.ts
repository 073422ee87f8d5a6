// Intake: store mentions and open a case for each new one, all or nothing per batch, in a constant number of
// statements whatever the batch's size (set-based, not one round trip per row), each a transaction of its own.
import type { Mention } from '../domain/mention.js';
import { authorKey } from '../domain/mention.js';
import type { IdentifiedCaseEvent } from '../domain/events.js';
import { resolvePostTime, type PostTime } from '../policy/post-time.js';
import type { DeskContext } from './desk-context.js';
import { openCaseForMention, type OpenedCase } from './open-case-for-mention.js';
import { planSideEffects } from './plan-side-effects.js';
import { IntakeRaceError } from './errors.js';
import type { IntakeStore } from './intake-ports.js';
import type { OutboxItem } from './ports.js';
import { readMention, type MentionReading } from '../policy/read-mention.js';
import { surgeAlerts, surgeWindow, withCasesOpening } from './surge-alerts.js';

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

/** A batch looks and stores again after losing a race (IntakeRaceError); one more loss in a row is an error. */
const RACES_TRIED = 3;

/**
 * All or nothing: if any mention fails to store, none is stored and the caller gets no 2xx.
 * Statements (src/store/pg-intake-store.ts), each sent on its own: the stored copies, new case numbers and the
 * surge look-up of their topics; then, when any is new, the mentions, cases, accounts, events and outbox items.
 * Two for 1 mention or 100, and no transaction held open while the desk works out the cases.
 */
export async function ingestMentions(ctx: DeskContext, mentions: readonly Mention[]): Promise<IngestOutcome[]> {
  const { arrivals, arrivalOf } = arrive(ctx, mentions);
  for (let tried = 1; ; tried++) {
    try {
      const outcomes = await storeArrivals(ctx, arrivals);
      // A post sent twice in one batch: the second is a duplicate of the first.
      return arrivalOf.map((i, n) => (arrivalOf.indexOf(i) === n ? outcomes[i]! : { caseId: outcomes[i]!.caseId, duplicate: true }));
    } catch (e) {
      // Another request stored one of these since the look: nothing of ours went in, and the next look sees it.
      if (!(e instanceof IntakeRaceError) || tried >= RACES_TRIED) throw e;
    }
  }
}

/** Each arrival's outcome, once the new ones are stored with their cases. */
async function storeArrivals(ctx: DeskContext, arrivals: readonly Arrival[]): Promise<IngestOutcome[]> {
  const now = ctx.clock.now();
  const window = surgeWindow(ctx, now);
  const { claims, recent } = await ctx.store.intake.look(arrivals.map(arrivalRecord), window);
  const fresh = arrivals.flatMap((a, i) => (claims[i]!.inserted ? [{ ...a, caseId: claims[i]!.caseId }] : []));
  if (fresh.length) {
    const opening = fresh.flatMap((a) => {
      const { topic, postedAt } = extrasOf(a);
      return topic === null ? [] : [{ caseId: a.caseId, topic, postedAt }];
    });
    await openCases(ctx, ctx.store.intake, fresh, surgeAlerts(ctx, now, withCasesOpening(recent, opening, window)));
  }
  return claims.map((c) => ({ caseId: c.caseId, duplicate: !c.inserted }));
}

/** A case for each arrival found new, with its author's sighting, its events and what they set off, stored at once. */
async function openCases(ctx: DeskContext, intake: IntakeStore, fresh: ReadonlyArray<Arrival & { readonly caseId: string }>, surges: readonly OutboxItem[]): Promise<void> {
  const opened = fresh.map((a) => openCaseForMention(ctx, a.caseId, a.mentionId, a.mention, a.receivedAt, a.posted, a.reading));
  const events = intake.identify(opened.flatMap((o) => o.events));
  await intake.store({
    mentions: fresh.map(arrivalRecord),
    cases: opened.map((o) => o.case),
    sightings: fresh.map((a) => ({ account: accountOf(a.mention), at: a.receivedAt })),
    events,
    outbox: [...opened.flatMap((o) => effectsOf(ctx, o, events)), ...surges],
  });
}

/**
 * Each distinct post once, read once (topic, risk, safeguarding, FOI), before any statement: the
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

/** An arrival as intake's look and store take it. */
function arrivalRecord(a: Arrival) {
  return { id: a.mentionId, mention: a.mention, receivedAt: a.receivedAt, extra: extrasOf(a) };
}

/** What the mention is stored with besides its body: its topic (for surges) and when its clocks count from. */
function extrasOf(a: Arrival) {
  return { topic: a.reading.serviceTag, postedAt: a.posted.countsFrom };
}

function effectsOf(ctx: DeskContext, o: OpenedCase, events: readonly IdentifiedCaseEvent[]): OutboxItem[] {
  const own = events.filter((s) => s.event.caseId === o.case.id);
  return [...planSideEffects(ctx, o.case, own), ...o.extraEffects];
}

function accountOf(m: Mention) {
  const { id, name, handle, followers, verified } = m.author;
  return { key: authorKey(m), network: m.network, authorId: id, name, handle, followers, verified };
}
