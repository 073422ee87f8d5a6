// Owns a clock a test sets step by step, so two runs of one scenario (on Slack, on Teams) happen at the same
// instants: deadlines, owners' "since" and event times then match exactly.
import type { TestClock } from './slack-desk.js';

export interface ScriptedClock extends TestClock {
  /** Jumps to `start` plus `minutes`; retries in between may have moved it, the script puts it back in step. */
  at(minutes: number): void;
}

export function scriptedClock(startIso: string): ScriptedClock {
  const start = Date.parse(startIso);
  let now = start;
  return {
    now: () => new Date(now),
    advance: (ms) => void (now += ms),
    at: (minutes) => void (now = start + minutes * 60_000),
  };
}
