// Owns posting a case's chat message at most once, even when a post's outcome was unknown or two workers race.
//
// The protocol, over a card_messages row per (case, surface, purpose):
//  1. a row with a message id: already posted, use it;
//  2. no row: insert a reservation ('' message id) and post; a post the platform certainly refused (429,
//     an error answer) drops the reservation, one that may have landed (timeout, 5xx) marks it unknown;
//  3. a reservation younger than IN_FLIGHT_SECONDS: another worker is posting: retry later; one whose last
//     attempt got no answer at all moments ago: its request may still land (a slow answer we gave up on),
//     so wait out the landing grace before looking, or the look would miss it and post a second one;
//  4. an older or unknown one: take it over (compare-and-set, so one worker wins), then look in the
//     channel for a message carrying our metadata (case id, purpose), only inside the time window the last
//     attempt could have landed in, before posting; found → keep it. A look that fails leaves the reservation
//     unknown again at once, so the next try need not wait out an in-flight mark of our own making.
// The look-up costs a history call only on that rare path: a first post goes straight out.
import { DeferredError } from './errors.js';
import type { CardMessageRepository } from './ports.js';

export interface PostedMessage {
  readonly channel: string;
  readonly ts: string;
}

export interface PostOnceSpec {
  readonly surface: string;
  readonly caseId: string;
  readonly purpose: string;
  readonly channel: string;
  readonly threadTs?: string | null;
  post(): Promise<PostedMessage>;
  /** Finds a message an earlier attempt posted between `oldest` and `latest` (unix seconds); null if the platform cannot look. */
  find(window: SearchWindow): Promise<PostedMessage | null>;
  /** The platform certainly refused (a 429, an error answer), as opposed to a timeout that may have landed. */
  certainlyNotSent(error: unknown): boolean;
  /** No answer at all (our timeout, a dropped connection): the request may still be on its way and land later. */
  unanswered(error: unknown): boolean;
}

export interface SearchWindow {
  readonly oldest: number;
  readonly latest: number;
}

export interface PostOnceResult extends PostedMessage {
  /** False when the message already existed (an earlier attempt posted it): refresh its content. */
  readonly created: boolean;
}

/** Another worker's post is under way: not a failure, so the outbox tries again soon without counting an attempt. */
export class PostInProgressError extends DeferredError {
  override readonly name = 'PostInProgressError';
  constructor(message: string) {
    super(IN_PROGRESS_RETRY_MS, message);
  }
}

const IN_PROGRESS_RETRY_MS = 5_000;

/** The chat platform's clock (a message's ts) and the database's may disagree a little: widen the window both ways. */
const CLOCK_SKEW_SECONDS = 120;

export async function postOnce(store: CardMessageRepository, spec: PostOnceSpec): Promise<PostOnceResult> {
  const { caseId, purpose, surface: SURFACE } = spec;
  let row = await store.get(caseId, SURFACE, purpose);
  if (row?.messageId) return { channel: row.channel, ts: row.messageId, created: false };
  if (!row && !(await store.reserve(caseId, SURFACE, purpose, spec.channel))) {
    row = await store.get(caseId, SURFACE, purpose);
    if (!row) throw new PostInProgressError(`the ${purpose} message of ${caseId} changed under us; trying again`);
    if (row.messageId) return { channel: row.channel, ts: row.messageId, created: false };
  }
  if (row) {
    if (row.inFlight) throw new PostInProgressError(`the ${purpose} message of ${caseId} is being posted by another worker`);
    if (row.landing) throw new PostInProgressError(`an earlier post of the ${purpose} message of ${caseId} may still land; looking for it shortly`);
    if (!(await store.takeOver(row))) throw new PostInProgressError(`another worker took over the ${purpose} message of ${caseId}`);
    let found: PostedMessage | null;
    try {
      found = await spec.find(searchWindow(row.attemptWindow));
    } catch (e) {
      await store.markUnknown(caseId, SURFACE, purpose);
      throw e;
    }
    if (found) {
      await store.complete(caseId, SURFACE, purpose, found.channel, found.ts, spec.threadTs ?? null);
      return { ...found, created: false };
    }
    await store.beginAttempt(caseId, SURFACE, purpose);
  }
  let posted: PostedMessage;
  try {
    posted = await spec.post();
  } catch (e) {
    if (spec.certainlyNotSent(e)) await store.release(caseId, SURFACE, purpose);
    else await store.markUnknown(caseId, SURFACE, purpose, spec.unanswered(e));
    throw e;
  }
  await store.complete(caseId, SURFACE, purpose, posted.channel, posted.ts, spec.threadTs ?? null);
  return { ...posted, created: true };
}

function searchWindow(w: { from: Date; to: Date }): SearchWindow {
  return { oldest: Math.floor(w.from.getTime() / 1000) - CLOCK_SKEW_SECONDS, latest: Math.ceil(w.to.getTime() / 1000) + CLOCK_SKEW_SECONDS };
}
