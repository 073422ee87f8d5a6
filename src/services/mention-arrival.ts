// Owns what intake stores about a mention beside the post itself: when it came, its topic and posting time.
import type { Mention } from '../domain/mention.js';

/** What intake read from a mention besides its body: its topic (for surges) and when it counts from. */
export interface MentionExtras {
  readonly topic?: string | null;
  /** The post's time as the clocks count it; absent: the arrival. */
  readonly postedAt?: Date;
}

export interface MentionArrival {
  readonly id: string;
  readonly mention: Mention;
  readonly receivedAt: Date;
  readonly extra?: MentionExtras;
}
