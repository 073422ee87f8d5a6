// Owns remembering outbound attempts without a database (the connectors' unit tests); the desk's own is
// src/store/pg-attempt-log.ts.
import type { AttemptLog } from '../../../services/network-state-ports.js';
import type { Clock } from '../../../services/ports.js';

/** For connectors used without a database (unit tests): remembers attempts in memory. */
export function createMemoryAttemptLog(clock: Clock): AttemptLog {
  const seen = new Map<string, Date>();
  return {
    async begin(key) {
      const first = seen.get(key);
      if (first) return { firstAt: first, isRetry: true };
      const now = clock.now();
      seen.set(key, now);
      return { firstAt: now, isRetry: false };
    },
  };
}
