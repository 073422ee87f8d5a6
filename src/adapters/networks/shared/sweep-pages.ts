// Owns one sweep of a newest-first, token-paged list into mentions: each page stored, then the cursor saved.
import type { Mention } from '../../../domain/mention.js';
import { PermanentError } from '../../../services/errors.js';
import type { PollCursors } from '../../../services/network-state-ports.js';

/**
 * sinceId: everything up to it is stored. sweep: a sweep in progress (pages run from newest to
 * oldest), so a crash mid-sweep resumes at the page it stopped on instead of skipping the rest.
 */
export interface SweepCursor {
  readonly sinceId: string | null;
  readonly sweep?: { readonly newest: string | null; readonly nextToken: string };
}

/** One page, read and turned into mentions by the network's own code. */
export interface SweptPage {
  /** What to store: the account's own messages and what the cursor already covers left out. */
  readonly mentions: Mention[];
  /** The newest id on the page, kept or not: the cursor moves past everything read. */
  readonly newest: string | null | undefined;
  /** The next (older) page; absent on the last one. */
  readonly nextToken?: string | undefined;
  /**
   * The page went back as far as the cursor already covers (or the first look-back reaches), so
   * no older page is needed. For lists with no since_id filter, which always start at the newest.
   */
  readonly reachedSince?: boolean;
}

export interface SweepOptions {
  /** The poll_cursors key. */
  readonly source: string;
  readonly cursors: PollCursors;
  readonly ingest: (mentions: Mention[]) => Promise<unknown>;
  /** Reads one page: the newest when `token` is undefined. */
  readonly readPage: (sinceId: string | null, token: string | undefined) => Promise<SweptPage>;
  /** The newer of two ids (null and undefined lose): the network's ids say how to compare. */
  readonly newer: (a: string | null | undefined, b: string | null | undefined) => string | null;
  /** Pages per run; a longer backlog carries on at the next run. */
  readonly maxPages?: number;
}

export function createSweepPoll(o: SweepOptions): () => Promise<void> {
  return async () => {
    const saved = (await o.cursors.get<SweepCursor>(o.source)) ?? { sinceId: null };
    const sinceId = saved.sinceId;
    let newest = saved.sweep?.newest ?? null;
    let token = saved.sweep?.nextToken;
    for (let page = 0; page < (o.maxPages ?? 10); page++) {
      const res = await readPage(o, sinceId, token);
      // Stored first, cursor second: a crash between the two re-reads the page, and dedupe absorbs it.
      if (res.mentions.length) await o.ingest(res.mentions);
      newest = o.newer(newest, res.newest);
      token = res.reachedSince ? undefined : res.nextToken;
      if (!token) {
        await o.cursors.set(o.source, { sinceId: o.newer(sinceId, newest) } satisfies SweepCursor);
        return;
      }
      await o.cursors.set(o.source, { sinceId, sweep: { newest, nextToken: token } } satisfies SweepCursor);
    }
  };
}

/** A pagination token the network no longer accepts ends the sweep: restart from sinceId, which loses nothing. */
async function readPage(o: SweepOptions, sinceId: string | null, token: string | undefined): Promise<SweptPage> {
  try {
    return await o.readPage(sinceId, token);
  } catch (e) {
    if (token && e instanceof PermanentError) await o.cursors.set(o.source, { sinceId } satisfies SweepCursor);
    throw e;
  }
}
