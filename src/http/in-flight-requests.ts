// Owns counting the requests a server is answering, so a stop can wait for them (bounded) instead of cutting them.
import type { Server } from 'node:http';

export interface InFlight {
  readonly count: number;
  /** Resolves when no request is being answered, or after withinMs, whichever is first. */
  settled(withinMs: number): Promise<void>;
}

export function trackInFlight(server: Server): InFlight {
  let count = 0;
  let waiters: Array<() => void> = [];
  server.on('request', (_req, res) => {
    count++;
    // 'close' fires once whether the answer was sent or the client went away.
    res.once('close', () => {
      count--;
      if (count === 0) for (const wake of waiters.splice(0)) wake();
    });
  });
  return {
    get count() {
      return count;
    },
    settled: (withinMs) =>
      count === 0 || withinMs <= 0
        ? Promise.resolve()
        : new Promise<void>((resolve) => {
            const timer = setTimeout(() => {
              waiters = waiters.filter((w) => w !== done);
              resolve();
            }, withinMs);
            const done = () => {
              clearTimeout(timer);
              resolve();
            };
            waiters.push(done);
          }),
  };
}
