// Owns giving a bench database a history before a measurement: mentions taken in by the service, in batches of
// 100, as npm run bench's intake phases leave thousands of cases before its race.
import type { DeskContext } from '../src/services/desk-context.js';
import { ingestMentions } from '../src/services/ingest-mentions.js';
import { mentionSchema } from '../src/domain/mention.js';
import { benchMention } from './intake-phases.js';

export async function seedHistory(ctx: DeskContext, mentions: number): Promise<void> {
  for (let done = 0; done < mentions; done += 100) {
    await ingestMentions(ctx, Array.from({ length: Math.min(100, mentions - done) }, () => mentionSchema.parse(benchMention())));
  }
}
