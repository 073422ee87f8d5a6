// The port a chat adapter paces its posts through: a platform's per-channel message rate
// (Slack: one a second per channel), kept by the desk, not left to luck or to 429s.

export interface ChannelPacer {
  /**
   * Resolves when `message` (a stable key: the same message asks again after a deferral) may be posted
   * to `channel`, waiting a little if its turn is near; throws DeferredError when the turn is further off,
   * so the outbox runs it then without counting an attempt.
   */
  waitForTurn(surface: string, channel: string, message: string): Promise<void>;
}
