// Owns sending NOTIFYs after the commit they tell of, never inside it. On PostgreSQL a transaction that notifies
// takes a lock on the whole database at commit and keeps it until its commit is flushed to disk, so every
// notifying commit waits for the flush of the one before (issue 13: one fsync of ~4 ms each, one at a time, for
// every intake and every case save). Sent here instead: what was asked within a few milliseconds goes in one
// statement of its own, whose commit is not waited for on disk (synchronous_commit off for it alone), so the lock
// is held for microseconds. A notification is a wake-up, never the record: whoever listens also polls (the outbox
// worker; the case-change feed reads the sealed event log), so one lost with a crash or a dropped connection is
// found late, not never.
import type { Log } from '../services/log.js';
import type { Sql } from './db.js';


export interface Notifier {
  /** Sends `payloads` on `channel` soon, with whatever else was asked meanwhile; never throws. */
  notify(channel: string, payloads: readonly string[]): void;
}

/**
 * Every payload in one statement; identical ones in a transaction are delivered once by PostgreSQL anyway. Not
 * awaited on disk: losing a notification to a crash loses nothing the listeners' polls do not find.
 */
const NOTIFY_ALL = `
  SELECT set_config('synchronous_commit', 'off', true), count(pg_notify(n.channel, n.payload))
    FROM unnest($1::text[], $2::text[]) AS n(channel, payload)`;

/** How long announcements wait to be sent together: a live page learns of a save at most this much later. */
const NOTIFY_EVERY_MS = 20;

/** Sends the notifications now, on `sql` (inside a transaction, they go out on its commit). */
export async function notifyNow(sql: Sql, notifications: ReadonlyArray<readonly [channel: string, payload: string]>): Promise<void> {
  if (!notifications.length) return;
  await sql.query(NOTIFY_ALL, [notifications.map(([c]) => c), notifications.map(([, p]) => p)], { prepareAs: 'desk_notify_all' });
}

/**
 * Notifications asked for within `everyMs` of the first, sent together on the pool `sql`: one a turn of the event
 * loop cost single-mention intake a statement and a commit each (bench:intake, load 6: 323 -> 209 singles/s).
 */
export function createNotifier(sql: Sql, logger?: Pick<Log, 'warn'>, everyMs = NOTIFY_EVERY_MS): Notifier {
  // Keyed by channel and payload: the same one asked again before the batch goes (an outbox wake-up a commit) is one.
  let pending = new Map<string, readonly [string, string]>();
  const flush = () => {
    const sending = [...pending.values()];
    pending = new Map();
    notifyNow(sql, sending).catch((err: unknown) => logger?.warn({ err, notifications: sending.length }, 'could not notify; listeners find the change at their next poll'));
  };
  return {
    notify(channel, payloads) {
      if (!payloads.length) return;
      if (!pending.size) setTimeout(flush, everyMs).unref();
      for (const p of payloads) pending.set(`${channel}\n${p}`, [channel, p]);
    },
  };
}
