// Owns the ports a network connector keeps its state through (src/store holds their SQL): the outbound attempts it
// made (by idempotency key), where each poller got to, which replica polls a source, and what a network delivered
// that the desk could not read.

export interface Attempt {
  /** When the first attempt started: what it may have created is no older than this. */
  readonly firstAt: Date;
  /** An earlier attempt exists whose outcome we may not know: look before acting again. */
  readonly isRetry: boolean;
}

export interface AttemptLog {
  /** Records this attempt before the network is called, so a crash mid-call still counts. */
  begin(key: string, network: string): Promise<Attempt>;
}

export interface PollCursors {
  get<T>(source: string): Promise<T | null>;
  /** Call only once what was read is stored: the cursor must never run ahead of the data. */
  set(source: string, cursor: unknown): Promise<void>;
}

export interface PollLease {
  /** True when this replica holds (or has just taken, or renewed) the lease on `name` for the next `forMs`. */
  take(name: string, forMs: number): Promise<boolean>;
  /** Gives the lease up (a clean stop), so another replica takes over at its next poll, not when it lapses. */
  release(name: string): Promise<void>;
}

export interface UnreadableRecord {
  readonly id: string;
  /** Which reader it came through ("meta"): the one that replays it. */
  readonly source: string;
  readonly network: string;
  readonly raw: string;
  readonly reason: string;
  readonly receivedAt: string;
  readonly lastSeenAt: string;
  readonly timesReceived: number;
  readonly replayedAt: string | null;
  readonly replayOutcome: string | null;
}

export interface UnreadableChanges {
  /** Idempotent: the same raw change from the same source again is the same row, seen once more. */
  keep(change: { source: string; network: string; raw: string; reason: string }): Promise<void>;
  /** Oldest first; replayed ones only when asked. */
  list(options?: { includeReplayed?: boolean; limit?: number }): Promise<UnreadableRecord[]>;
  get(id: string): Promise<UnreadableRecord | null>;
  /** Replayed and read: the outcome says what was stored. It leaves the open list. */
  markReplayed(id: string, outcome: string): Promise<void>;
  /** Replayed and still not readable: the reason is brought up to date; it stays open. */
  updateReason(id: string, reason: string): Promise<void>;
}
