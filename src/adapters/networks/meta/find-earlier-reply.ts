// Owns finding a reply an earlier attempt already made (outcome unknown), so a retry never replies twice.
import type { GraphClient } from './graph-client.js';

/** Clocks differ between us and Meta: anything from a little before our first attempt counts. */
export const CLOCK_SKEW_MS = 15 * 60_000;

interface GraphComment {
  readonly id: string;
  readonly message?: string;
  readonly text?: string;
  readonly from?: { readonly id?: string };
  readonly created_time?: string;
  readonly timestamp?: string;
}

/**
 * Looks among the newest replies under `parentId` for one by `authorId` with exactly our text,
 * made since the first attempt. Facebook lists replies at /{id}/comments, Instagram at /{id}/replies.
 */
export async function findEarlierReply(
  graph: GraphClient,
  edge: string,
  authorId: string,
  text: string,
  firstAt: Date,
): Promise<string | null> {
  const res = await graph.get<{ data?: GraphComment[] }>(edge, { fields: 'id,from,message,text,created_time,timestamp', order: 'reverse_chronological', limit: '100' });
  const since = firstAt.getTime() - CLOCK_SKEW_MS;
  const want = normalise(text);
  const found = (res.data ?? []).find((c) => {
    const at = Date.parse(c.created_time ?? c.timestamp ?? '');
    return c.from?.id === authorId && normalise(c.message ?? c.text ?? '') === want && (Number.isNaN(at) || at >= since);
  });
  return found?.id ?? null;
}

function normalise(s: string): string {
  return s.replace(/\s+/g, ' ').trim();
}
