// Owns group commit for intake: requests that arrive within a couple of milliseconds of each other are stored
// in one set-based transaction instead of one each, so many single-mention POSTs cost the database what one
// batch does. Each request is answered only once its own mentions are committed, with its own outcomes.
import type { Mention } from '../domain/mention.js';
import { StoreUnavailableError } from './errors.js';
import type { IngestOutcome } from './ingest-mentions.js';

export interface IntakeGroups {
  /** Stores `mentions` (all or none of them) with whatever else arrived with them; their outcomes, in order. */
  ingest(mentions: readonly Mention[]): Promise<IngestOutcome[]>;
}

export interface IntakeGroupOptions {
  /** How long a group stays open for more requests after its first one arrives. */
  readonly windowMs?: number;
  /** A group is closed early once it holds this many mentions. */
  readonly maxMentions?: number;
}

interface Request {
  readonly mentions: readonly Mention[];
  readonly resolve: (outcomes: IngestOutcome[]) => void;
  readonly reject: (error: unknown) => void;
}

/** `ingestAll` stores a list of mentions in one transaction, all or nothing (ingestMentions). */
export function createIntakeGroups(ingestAll: (mentions: readonly Mention[]) => Promise<IngestOutcome[]>, options: IntakeGroupOptions = {}): IntakeGroups {
  const windowMs = options.windowMs ?? 2;
  const maxMentions = options.maxMentions ?? 200;
  let open: { requests: Request[]; mentions: number; timer: NodeJS.Timeout } | null = null;

  const close = () => {
    if (!open) return;
    clearTimeout(open.timer);
    const { requests } = open;
    open = null;
    void store(requests);
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
        if (open && open.mentions + mentions.length > maxMentions) close();
        open ??= { requests: [], mentions: 0, timer: setTimeout(close, windowMs) };
        open.requests.push({ mentions, resolve, reject });
        open.mentions += mentions.length;
        if (open.mentions >= maxMentions) close();
      });
    },
  };
}
