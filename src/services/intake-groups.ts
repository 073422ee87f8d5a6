// Owns group commit for intake: requests that arrive together are stored in one set-based statement instead of one
// each, so many single-mention POSTs cost the database what one batch does. Each request is answered only once its
// own mentions are committed, with its own outcomes.
import type { Mention } from '../domain/mention.js';
import { StoreUnavailableError } from './errors.js';
import type { IngestOutcome } from './ingest-mentions.js';

export interface IntakeGroups {
  /** Stores `mentions` (all or none of them) with whatever else arrived with them; their outcomes, in order. */
  ingest(mentions: readonly Mention[]): Promise<IngestOutcome[]>;
}

export interface IntakeGroupOptions {
  /**
   * How many groups may be being stored at once. A group closed while that many are under way waits for one of
   * them to finish, taking in what arrives meanwhile: under load, groups grow instead of queueing.
   */
  readonly maxStoring?: number;
  /** A group is sent at once when it holds this many mentions, however many are being stored. */
  readonly maxMentions?: number;
}

interface Request {
  readonly mentions: readonly Mention[];
  readonly resolve: (outcomes: IngestOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

interface Group {
  readonly requests: Request[];
  mentions: number;
}

/**
 * `ingestAll` stores a list of mentions all or nothing (ingestMentions). A group takes in the requests read in the
 * same turn of the event loop (it closes on setImmediate, after the I/O callbacks that delivered them) and is sent
 * at once if fewer than `maxStoring` are being stored. No timer: a waiting window costs each request its length when
 * the desk is quiet, and under load the groups being stored are what gathers the next one. Several groups stored at
 * once let PostgreSQL flush their commits together and the desk work out one group while another is being written.
 */
export function createIntakeGroups(ingestAll: (mentions: readonly Mention[]) => Promise<IngestOutcome[]>, options: IntakeGroupOptions = {}): IntakeGroups {
  const maxStoring = options.maxStoring ?? 4;
  const maxMentions = options.maxMentions ?? 200;
  let open: Group | null = null;
  let closing = false;
  let storing = 0;

  /** Sends the open group if it is full or a store may start; otherwise it stays open until one finishes. */
  const close = (full = false) => {
    closing = false;
    if (!open || (!full && storing >= maxStoring)) return;
    const { requests } = open;
    open = null;
    storing += 1;
    void store(requests).finally(() => {
      storing -= 1;
      close();
    });
  };

  async function store(requests: readonly Request[]): Promise<void> {
    try {
      const outcomes = await ingestAll(requests.flatMap((r) => r.mentions));
      let at = 0;
      for (const r of requests) {
        r.resolve(outcomes.slice(at, at + r.mentions.length));
        at += r.mentions.length;
      }
    } catch (e) {
      // Nothing of the group was stored. One request's bad mention must not fail the others: each is tried
      // again on its own, so every request gets the answer it would have had alone. An unreachable store
      // fails them all alike, so that answer is given at once.
      if (requests.length === 1 || e instanceof StoreUnavailableError) {
        for (const r of requests) r.reject(e);
        return;
      }
      await Promise.all(requests.map((r) => ingestAll(r.mentions).then(r.resolve, r.reject)));
    }
  }

  return {
    ingest(mentions) {
      return new Promise<IngestOutcome[]>((resolve, reject) => {
        if (open && open.mentions + mentions.length > maxMentions) close(true);
        open ??= { requests: [], mentions: 0 };
        open.requests.push({ mentions, resolve, reject });
        open.mentions += mentions.length;
        if (open.mentions >= maxMentions) return close(true);
        if (!closing) {
          closing = true;
          setImmediate(close);
        }
      });
    },
  };
}
