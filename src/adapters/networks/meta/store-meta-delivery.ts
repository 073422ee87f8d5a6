// Owns storing what one Meta delivery holds: each readable change as a mention, each unreadable one kept whole.
import type { Mention } from '../../../domain/mention.js';
import type { DeskContext } from '../../../services/desk-context.js';
import { ingestMentions } from '../../../services/ingest-mentions.js';
import type { ReplayReader } from '../shared/replay-unreadable.js';
import type { UnreadableChanges } from '../../../services/network-state-ports.js';
import { MetaPayloadError } from './meta-payload.js';
import { parseMetaWebhook, type ParsedWebhook } from './parse-meta-webhook.js';

export const META_SOURCE = 'meta';

export interface MetaDeliveryDeps {
  readonly ctx: DeskContext;
  readonly unreadable: UnreadableChanges;
  /** Fills in what a webhook leaves out (Instagram links and mention texts); never throws. */
  readonly enrich?: (mentions: Mention[]) => Promise<Mention[]>;
}

export interface StoredDelivery {
  readonly parsed: ParsedWebhook;
  readonly received: number;
  readonly fresh: number;
}

/** Throws MetaPayloadError when the envelope is not Meta's; store errors are thrown (Meta sends it again). */
export async function storeMetaDelivery(d: MetaDeliveryDeps, raw: Buffer): Promise<StoredDelivery> {
  const parsed = parseMetaWebhook(raw);
  // Kept before the mentions: a store failure after this answers 5xx, Meta redelivers, and both are idempotent.
  for (const u of parsed.unreadable) await d.unreadable.keep({ source: META_SOURCE, network: u.network, raw: u.raw, reason: u.reason });
  return { parsed, ...(await storeMentions(d, parsed.mentions)) };
}

/** A kept change read again by today's parser (npm run unreadable -- replay): stored, or why not still. */
export function metaReplayReader(d: MetaDeliveryDeps): ReplayReader {
  return async (raw) => {
    let parsed: ParsedWebhook;
    try {
      parsed = parseMetaWebhook(Buffer.from(raw, 'utf8'));
    } catch (e) {
      if (e instanceof MetaPayloadError) return { unreadable: e.message };
      throw e;
    }
    if (parsed.unreadable.length) return { unreadable: parsed.unreadable.map((u) => u.reason).join('; ') };
    const { received, fresh } = await storeMentions(d, parsed.mentions);
    return { stored: received, fresh };
  };
}

async function storeMentions(d: MetaDeliveryDeps, parsed: Mention[]): Promise<{ received: number; fresh: number }> {
  const mentions = d.enrich && parsed.length ? await d.enrich(parsed) : parsed;
  // One call for all the readable mentions: all of them are stored, or none and Meta sends them again.
  const outcomes = mentions.length ? await ingestMentions(d.ctx, mentions) : [];
  return { received: outcomes.length, fresh: outcomes.filter((x) => !x.duplicate).length };
}
