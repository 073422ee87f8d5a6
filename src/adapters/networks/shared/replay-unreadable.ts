// Owns replaying a kept unreadable change through its source's current reader: stored and closed, or still unreadable.
import type { UnreadableChanges, UnreadableRecord } from '../../../services/network-state-ports.js';

/** A source's reader run again on one kept change: what it stored, or why it still cannot read it. */
export type ReplayReader = (raw: string) => Promise<{ readonly stored: number; readonly fresh: number } | { readonly unreadable: string }>;

export type ReplayResult =
  | { readonly outcome: 'stored'; readonly record: UnreadableRecord }
  | { readonly outcome: 'still_unreadable'; readonly record: UnreadableRecord }
  | { readonly outcome: 'already_replayed'; readonly record: UnreadableRecord }
  | { readonly outcome: 'no_reader'; readonly record: UnreadableRecord }
  | { readonly outcome: 'not_found' };

export async function replayUnreadable(changes: UnreadableChanges, readers: Readonly<Record<string, ReplayReader>>, id: string): Promise<ReplayResult> {
  const record = await changes.get(id);
  if (!record) return { outcome: 'not_found' };
  if (record.replayedAt) return { outcome: 'already_replayed', record };
  // A source switched off since (no META_APP_SECRET now): kept until it is back.
  const read = readers[record.source];
  if (!read) return { outcome: 'no_reader', record };
  const r = await read(record.raw);
  if ('unreadable' in r) {
    await changes.updateReason(id, r.unreadable);
    return { outcome: 'still_unreadable', record: (await changes.get(id)) ?? record };
  }
  await changes.markReplayed(id, r.stored === 0 ? 'read: nothing to store (not a mention)' : `stored ${r.stored} mention${r.stored === 1 ? '' : 's'} (${r.fresh} new)`);
  return { outcome: 'stored', record: (await changes.get(id)) ?? record };
}
