// Owns running one poll on an interval: never two at once, a rate limit pushes the next run back, stop waits.
import { RateLimitError } from '../../../services/errors.js';

export interface Poller {
  readonly name: string;
  start(): void;
  stop(): Promise<void>;
  /** One poll now (tests, and the first run after start). Errors are thrown, not logged. */
  runOnce(): Promise<void>;
}

export interface PollerLog {
  warn(obj: Record<string, unknown>, msg: string): void;
  error(obj: Record<string, unknown>, msg: string): void;
}

export function createPoller(name: string, intervalMs: number, poll: () => Promise<void>, log: PollerLog): Poller {
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let stopped = true;

  async function runOnce(): Promise<void> {
    // A slow poll must not overlap the next: the cursor is read and written by one run at a time.
    if (running) return running;
    running = poll().finally(() => (running = null));
    return running;
  }

  async function tick(): Promise<void> {
    let wait = intervalMs;
    try {
      await runOnce();
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
    },
  };
}
