// Owns telling outbox workers that new items were committed, so outbound work starts at once
// instead of at the next poll: in this process directly, and to other replicas by PostgreSQL's
// LISTEN/NOTIFY. On PGlite one process owns the data, so in-process is the whole story.
import type { Log } from '../services/log.js';
import pg from 'pg';
import { randomUUID } from 'node:crypto';
import type { Db } from './db.js';
import { createNotifier } from './pg-notifier.js';

const CHANNEL = 'desk_outbox';
const RECONNECT_MS = 1_000;

export interface OutboxSignal {
  /** Outbox items were committed (call after COMMIT, never inside the transaction). */
  committed(): void;
  /** `wake` runs on every commit here or, on PostgreSQL, in another replica; resolves with the unsubscribe. */
  subscribe(wake: () => void): Promise<() => Promise<void>>;
}


export function createOutboxSignal(db: Db, logger?: Pick<Log, 'warn'>): OutboxSignal {
  const instance = randomUUID();
  const local = new Set<() => void>();
  const crossProcess = db.kind === 'postgres' && db.connectionString !== undefined;
  // Commits within a few ms of each other wake the other replicas with one NOTIFY, sent with the case announcements'
  // batching (pg-notifier.ts); a lost one costs them a poll's wait.
  const notifier = crossProcess ? createNotifier(db, logger) : null;
  const notifyOthers = (): void => notifier?.notify(CHANNEL, [instance]);

  return {
    committed() {
      for (const wake of local) wake();
      notifyOthers();
    },
    async subscribe(wake) {
      local.add(wake);
      const listener = crossProcess ? listenForOthers(db.connectionString!, instance, wake, logger) : null;
      return async () => {
        local.delete(wake);
        await listener?.close();
      };
    },
  };
}

/** A connection of its own (LISTEN needs one that stays open), reconnecting after a drop. */
function listenForOthers(url: string, self: string, wake: () => void, logger?: Pick<Log, 'warn'>): { close(): Promise<void> } {
  let client: pg.Client | null = null;
  let closed = false;
  let retry: NodeJS.Timeout | null = null;
  const connect = (): void => {
    const c = new pg.Client({ connectionString: url, application_name: 'mention-desk-outbox-listener', keepAlive: true });
    client = c;
    const again = (err?: unknown) => {
      if (closed || client !== c) return;
      client = null;
      if (err) logger?.warn({ err }, 'outbox listener lost its connection; polling until it is back');
      void c.end().catch(() => {});
      retry = setTimeout(connect, RECONNECT_MS);
      retry.unref();
    };
    c.on('error', again);
    c.on('end', () => again());
    c.on('notification', (n) => {
      if (n.payload !== self) wake();
    });
    c.connect()
      .then(() => c.query(`LISTEN ${CHANNEL}`))
      // A commit may have been missed while connecting: look once.
      .then(() => wake())
      .catch(again);
  };
  connect();
  return {
    async close() {
      closed = true;
      if (retry) clearTimeout(retry);
      await client?.end().catch(() => {});
    },
  };
}
