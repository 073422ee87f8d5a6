// Owns running one poll on an interval: never two at once (in this process, and across replicas when given a lease),
// a rate limit pushes the next run back, stop waits.
import type { Log } from '../../../services/log.js';
import { RateLimitError } from '../../../services/errors.js';
import type { PollLease } from '../../../services/network-state-ports.js';
import { leaseLengthMs } from './lease-length.js';

export interface Poller {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
  /** One poll now (tests, and the first run after start). Errors are thrown, not logged. */
  runOnce(): Promise<void>;
}


/** Builds a poller with the composition root's log and lease bound: what each network's builder is handed. */
export type MakePoller = (name: string, intervalMs: number, poll: () => Promise<void>) => Poller;

export function createPoller(name: string, intervalMs: number, poll: () => Promise<void>, log: Pick<Log, 'warn' | 'error'>, lease?: PollLease): Poller {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  async function runOnce(): Promise<void> {
    // A slow poll must not overlap the next: the cursor is read and written by one run at a time.
    if (running) return running;
    running = poll().finally(() => (running = null));
    return running;
  }

  /** Another replica holding the lease polls this time; this one looks again at the next interval. */
  async function mayPoll(): Promise<boolean> {
    return !lease || lease.take(name, leaseLengthMs(intervalMs));
  }

  async function tick(): Promise<void> {
    let wait = intervalMs;
    try {
      if (await mayPoll()) await runOnce();
    } catch (e) {
      if (e instanceof RateLimitError) {
        wait = Math.max(intervalMs, e.retryAfterMs);
        log.warn({ poller: name, retryAfterMs: e.retryAfterMs }, 'poller rate limited; waiting');
      } else {
        log.error({ poller: name, err: e }, 'poll failed; will try again at the next interval');
      }
    }
    if (!stopped) timer = setTimeout(() => void tick(), wait);
  }

  return {
    name,
    runOnce,
    start() {
      if (!stopped) return;
      stopped = false;
      void tick();
    },
    async stop() {
      stopped = true;
      if (timer) clearTimeout(timer);
      timer = null;
      await running?.catch(() => {});
      await lease?.release(name).catch((err: unknown) => log.warn({ poller: name, err }, 'poller lease not released; it lapses by itself'));
    },
  };
}
