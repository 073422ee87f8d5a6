// Owns running the event sealer in the background of every replica: a short tick, one sealer at a
// time across replicas (EventSealer's advisory lock), failures logged and retried on the next tick.
import type { Logger } from 'pino';
import type { Sql } from './db.js';
import { EventSealer } from './event-sealer.js';

export interface EventSealerLoop {
  start(): void;
  /** Waits for a pass under way; seals nothing more after. */
  stop(): Promise<void>;
}

export interface EventSealerLoopOptions {
  /** How often an idle replica looks for work: two small queries a tick. */
  readonly intervalMs?: number;
  readonly logger?: Pick<Logger, 'warn'>;
}

export function createEventSealerLoop(sql: Sql, options: EventSealerLoopOptions = {}): EventSealerLoop {
  const sealer = new EventSealer(sql);
  const intervalMs = options.intervalMs ?? 200;
  let timer: NodeJS.Timeout | null = null;
  let running: Promise<void> | null = null;
  let again = false;
  let stopped = true;

  const pass = (): void => {
    if (stopped) return;
    if (running) {
      again = true;
      return;
    }
    running = sealer
      .sealOnce()
      .then(
        () => undefined,
        (err: unknown) => options.logger?.warn({ err }, 'event sealer pass failed; retrying on the next tick'),
      )
      .finally(() => {
        running = null;
        if (again) {
          again = false;
          pass();
        }
      });
  };

  return {
    start() {
      if (!stopped) return;
      stopped = false;
      timer = setInterval(pass, intervalMs);
      timer.unref();
      pass();
    },
    async stop() {
      stopped = true;
      if (timer) clearInterval(timer);
      timer = null;
      await running;
    },
  };
}
