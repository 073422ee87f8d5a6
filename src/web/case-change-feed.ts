// Owns following saved cases: LISTEN on the channel every case save NOTIFYs after its commit (PostgreSQL: all
// replicas hear it; PGlite: in-process), numbered in the order heard (live-change-log.ts) and fanned out to the
// browsers' live feeds on this replica. A save whose announcement never came (the saver crashed, or its NOTIFY
// failed, after the commit) is found by polling the sealed event log, a few seconds late instead of never.
import { CASE_CHANGED_CHANNEL } from '../store/pg-case-repository.js';
import type { Db } from '../store/db.js';
import type { CaseChange } from './case-change.js';
import { LiveChangeLog, type LoggedChange, type Replay } from './live-change-log.js';
import { lastSeqHandedOut, sealedChangesAfter } from './sealed-case-changes.js';

/** How often the sealed event log is read for saves not announced. */
const POLL_MS = 3_000;

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

export interface CaseChangeFeedOptions {
  readonly pollMs?: number;
  /** Told when reading the sealed log starts failing (once an outage, not every poll) and when it reads again. */
  readonly onPoll?: PollWatcher;
}

export interface PollWatcher {
  failed(err: unknown): void;
  recovered(): void;
}

export async function startCaseChangeFeed(db: Db, log = new LiveChangeLog(), options: CaseChangeFeedOptions = {}): Promise<CaseChangeFeed> {
  const listeners = new Set<(message: LiveMessage) => void>();
  const enders = new Map<(message: LiveMessage) => void, () => void>();
  const send = (message: LiveMessage) => { for (const l of listeners) l(message); };
  const heard = new HeardVersions();
  const record = (change: CaseChange) => {
    heard.add(change);
    send({ kind: 'case', ...log.record(change) });
  };
  const stop = await db.listen(
    CASE_CHANGED_CHANNEL,
    (payload) => {
      const change = parseChange(payload);
      if (change) record(change);
    },
    () => send({ kind: 'reload', id: log.markGap() }),
  );
  const stopPolling = pollSealedLog(db, await lastSeqHandedOut(db), options.pollMs ?? POLL_MS, (change) => {
    if (!heard.has(change)) record(change);
  }, () => heard.age(), options.onPoll);
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
      await Promise.all([stop(), stopPolling()]);
    },
  };
}

/**
 * Reads the sealed event log after `from` every `pollMs`, handing on each case saved there; `passed` after each
 * read. A read that fails is tried again at the next one, from the same place; the watcher hears of the first
 * failure and of the recovery, so an outage is one log line, not one every poll, and is never silent.
 */
function pollSealedLog(db: Db, from: number, pollMs: number, found: (change: CaseChange) => void, passed: () => void, watcher?: PollWatcher): () => Promise<void> {
  let after = from;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> = Promise.resolve();
  let stopped = false;
  let failing = false;
  const next = () => {
    if (stopped) return;
    timer = setTimeout(() => {
      running = sealedChangesAfter(db, after).then(
        ({ upTo, changes }) => {
          after = upTo;
          for (const c of changes) found(c);
          passed();
          if (failing) watcher?.recovered();
          failing = false;
        },
        (err: unknown) => {
          if (!failing) watcher?.failed(err);
          failing = true;
        },
      ).finally(next);
    }, pollMs);
    timer.unref();
  };
  next();
  return async () => {
    stopped = true;
    if (timer) clearTimeout(timer);
    await running;
  };
}

/**
 * The versions heard lately, so a poll does not send again what an announcement already brought. Kept for two
 * reads of the log (an event is normally sealed within a read of its announcement); a change sealed later than
 * that is sent twice, which a page only redraws for.
 */
class HeardVersions {
  private current = new Map<string, number>();
  private previous = new Map<string, number>();

  add(change: CaseChange): void {
    if (!this.has(change)) this.current.set(change.caseId, change.version);
  }

  has(change: CaseChange): boolean {
    return Math.max(this.current.get(change.caseId) ?? 0, this.previous.get(change.caseId) ?? 0) >= change.version;
  }

  age(): void {
    this.previous = this.current;
    this.current = new Map();
  }
}

/** '<case id>:<version>'; a case id may itself hold a colon, the version is after the last one. */
export function parseChange(payload: string): CaseChange | null {
  const at = payload.lastIndexOf(':');
  const version = Number(payload.slice(at + 1));
  return at > 0 && Number.isInteger(version) && version > 0 ? { caseId: payload.slice(0, at), version } : null;
}
