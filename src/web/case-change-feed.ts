// Owns following saved cases: LISTEN on the channel every case save NOTIFYs in its transaction (PostgreSQL: all
// replicas hear it; PGlite: in-process), numbered in the order heard (live-change-log.ts) and fanned out to the
// browsers' live feeds on this replica.
import { CASE_CHANGED_CHANNEL } from '../store/pg-case-repository.js';
import type { Db } from '../store/db.js';
import { LiveChangeLog, type LoggedChange, type Replay } from './live-change-log.js';

export interface CaseChange {
  readonly caseId: string;
  readonly version: number;
}

/** What a live page is sent: a case that changed, or "read everything again" when changes went unheard. */
export type LiveMessage = ({ readonly kind: 'case' } & LoggedChange) | { readonly kind: 'reload'; readonly id: string };

export interface CaseChangeFeed {
  /** Calls back on each message until the returned function is called; `onEnd` when the feed stops (the desk is stopping). */
  subscribe(onMessage: (message: LiveMessage) => void, onEnd?: () => void): () => void;
  /** The cursor of everything heard so far (take it before reading what a page shows). */
  position(): string;
  /** What a browser at `cursor` missed. Synchronous, so nothing arrives between it and a subscribe that follows. */
  since(cursor: string): Replay;
  stop(): Promise<void>;
}

export async function startCaseChangeFeed(db: Db, log = new LiveChangeLog()): Promise<CaseChangeFeed> {
  const listeners = new Set<(message: LiveMessage) => void>();
  const enders = new Map<(message: LiveMessage) => void, () => void>();
  const send = (message: LiveMessage) => { for (const l of listeners) l(message); };
  const stop = await db.listen(
    CASE_CHANGED_CHANNEL,
    (payload) => {
      const change = parseChange(payload);
      if (change) send({ kind: 'case', ...log.record(change) });
    },
    () => send({ kind: 'reload', id: log.markGap() }),
  );
  return {
    subscribe(onMessage, onEnd) {
      listeners.add(onMessage);
      if (onEnd) enders.set(onMessage, onEnd);
      return () => {
        listeners.delete(onMessage);
        enders.delete(onMessage);
      };
    },
    position: () => log.position(),
    since: (cursor) => log.since(cursor),
    async stop() {
      for (const end of [...enders.values()]) end();
      listeners.clear();
      enders.clear();
      await stop();
    },
  };
}

/** '<case id>:<version>'; a case id may itself hold a colon, the version is after the last one. */
export function parseChange(payload: string): CaseChange | null {
  const at = payload.lastIndexOf(':');
  const version = Number(payload.slice(at + 1));
  return at > 0 && Number.isInteger(version) && version > 0 ? { caseId: payload.slice(0, at), version } : null;
}
