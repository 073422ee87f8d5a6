// Owns following saved cases: LISTEN on the channel every case save NOTIFYs in its transaction (PostgreSQL: all
// replicas hear it; PGlite: in-process), fanned out to the browsers' live feeds on this replica.
import { CASE_CHANGED_CHANNEL } from '../store/pg-case-repository.js';
import type { Db } from '../store/db.js';

export interface CaseChange {
  readonly caseId: string;
  readonly version: number;
}

export interface CaseChangeFeed {
  /** Calls back on each change until the returned function is called. */
  subscribe(onChange: (change: CaseChange) => void): () => void;
  stop(): Promise<void>;
}

export async function startCaseChangeFeed(db: Db): Promise<CaseChangeFeed> {
  const listeners = new Set<(change: CaseChange) => void>();
  const stop = await db.listen(CASE_CHANGED_CHANNEL, (payload) => {
    const change = parseChange(payload);
    if (change) for (const l of listeners) l(change);
  });
  return {
    subscribe(onChange) {
      listeners.add(onChange);
      return () => void listeners.delete(onChange);
    },
    stop,
  };
}

/** '<case id>:<version>'; a case id may itself hold a colon, the version is after the last one. */
export function parseChange(payload: string): CaseChange | null {
  const at = payload.lastIndexOf(':');
  const version = Number(payload.slice(at + 1));
  return at > 0 && Number.isInteger(version) && version > 0 ? { caseId: payload.slice(0, at), version } : null;
}
