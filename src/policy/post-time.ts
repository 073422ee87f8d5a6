// Owns the time a case counts from: when the resident posted, not when the desk heard of it (a
// restart or a listening tool's late batch must not make every post "out of hours, due Monday").
import type { Policy } from './policy-schema.js';

const MINUTE_MS = 60_000;
const DAY_MS = 86_400_000;

/** Why the network's posting time was not believed; the case then counts from its arrival. */
export type PostTimeAdjustment = 'in_the_future' | 'too_old';

export interface PostTime {
  /** What the response clocks, the out-of-hours judgement and surge grouping count from. */
  readonly countsFrom: Date;
  readonly adjusted: PostTimeAdjustment | null;
  /** Reached the desk well after it was posted: the card says both times. */
  readonly late: boolean;
}

/**
 * The network's posting time, bounded by sense: beyond a small clock skew into the future, or
 * older than the policy's limit (a backfill of last year's posts), it is clamped to the arrival.
 */
export function resolvePostTime(policy: Policy, postedAt: string, receivedAt: Date): PostTime {
  const { futureSkewMinutes, maxAgeDays, lateAfterMinutes } = policy.postTime;
  const posted = Date.parse(postedAt);
  const received = receivedAt.getTime();
  if (!Number.isFinite(posted) || posted > received + futureSkewMinutes * MINUTE_MS) return { countsFrom: receivedAt, adjusted: 'in_the_future', late: false };
  if (posted < received - maxAgeDays * DAY_MS) return { countsFrom: receivedAt, adjusted: 'too_old', late: false };
  // A post a few seconds "ahead" (the network's clock runs fast) counts from arrival, never later.
  const countsFrom = new Date(Math.min(posted, received));
  return { countsFrom, adjusted: null, late: received - countsFrom.getTime() > lateAfterMinutes * MINUTE_MS };
}
