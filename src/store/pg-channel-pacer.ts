// Owns pacing chat posts per channel across replicas: a GCRA (generic cell rate) slot per post,
// reserved in one statement on chat_channel_pace; near turns are waited for, far ones deferred.
import { DeferredError } from '../services/errors.js';
import type { ChannelPacer } from '../services/channel-pacer.js';
import type { Clock } from '../services/ports.js';
import type { Sql } from './db.js';

export interface ChannelPacerOptions {
  /** One post per this many ms per channel; Slack: 1,000. */
  readonly intervalMs?: number;
  /** Posts that may go at once before pacing starts (Slack allows short bursts). */
  readonly burst?: number;
  /** A turn at most this far off is waited for in the handler; further off, the item is deferred. */
  readonly maxWaitMs?: number;
}

export function createPgChannelPacer(sql: Sql, clock: Clock, options: ChannelPacerOptions = {}): ChannelPacer {
  const intervalMs = options.intervalMs ?? 1_000;
  const burst = options.burst ?? 3;
  const maxWaitMs = options.maxWaitMs ?? 1_000;
  // Turns already reserved by deferred messages of this process: the same message does not reserve twice.
  const reserved = new Map<string, number>();

  /** A deferred message another replica ran never comes back here: drop turns long past. */
  function forgetStale(now: number): void {
    if (reserved.size < 1_000) return;
    for (const [key, turn] of reserved) if (turn < now - 10 * 60_000) reserved.delete(key);
  }

  async function reserve(surface: string, channel: string, now: Date): Promise<number> {
    const result = await sql.query<{ tat: Date }>(
      `INSERT INTO chat_channel_pace (surface, channel, tat) VALUES ($1, $2, $3::timestamptz + $4 * interval '1 millisecond')
       ON CONFLICT (surface, channel) DO UPDATE SET tat = GREATEST(chat_channel_pace.tat, $3::timestamptz) + $4 * interval '1 millisecond'
       RETURNING tat`,
      [surface, channel, now, intervalMs],
    );
    // The post conforms once no more than `burst` posts' worth of time is booked ahead of it.
    return result.rows[0]!.tat.getTime() - burst * intervalMs;
  }

  return {
    async waitForTurn(surface, channel, message) {
      if (intervalMs <= 0) return;
      const key = `${surface}\u0000${channel}\u0000${message}`;
      const now = clock.now();
      forgetStale(now.getTime());
      const turn = reserved.get(key) ?? (await reserve(surface, channel, now));
      const wait = turn - now.getTime();
      if (wait <= 0) return void reserved.delete(key);
      if (wait <= maxWaitMs) {
        reserved.delete(key);
        await new Promise((r) => setTimeout(r, wait));
        return;
      }
      reserved.set(key, turn);
      throw new DeferredError(wait, `${channel} takes one message every ${intervalMs} ms: this one's turn is in ${Math.ceil(wait / 1000)} s`);
    },
  };
}
