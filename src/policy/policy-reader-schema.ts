// Policy schema for the trained part of the mention reader: whether the shipped seed model reads, and how sure it must be.
import { z } from 'zod';

const probability = z.number().min(0).max(1);

/**
 * The seed model (src/policy/seed-model.json, trained by scripts/train-seed-model.ts from the labelled corpus)
 * reads every mention beside the lexicons. Each bar is the model's probability at or above which it speaks;
 * safeguarding and threats are low on purpose (a false alarm costs the safeguarding lead one click, a miss
 * is not acceptable). Chosen by leave-one-part-out on the corpus (`npm run eval:triage -- --cross`).
 */
export const readerSchema = z.object({
  seedModel: z.boolean().default(true),
  /**
   * The model reads texts of at least this many words. On fewer ("Library hours?") it has almost nothing to go on
   * and returns about the mean share of concerns in the parts it learned from (one in four), far above the low bars below.
   */
  minWords: z.number().int().nonnegative().default(6),
  /** Refer as a possible safeguarding concern when the lexicons found none. */
  safeguardingAt: probability.default(0.045),
  /** How sure before a concern only the model read also makes the kind "safeguarding" (or "abuse") and the risk high. */
  safeguardingSureAt: probability.default(0.5),
  /** Read as a threat of violence when the lexicons found none. */
  threatAt: probability.default(0.022),
  /**
   * Read as a threat, at this lower bar, a mention that is referred anyway (the lexicons or the model found a
   * concern in it): it sends the safeguarding lead nothing more, and a threat referred as a neglect case is a threat
   * missed. Never sure on this alone: the kind and risk still follow the concern.
   */
  threatWhenReferredAt: probability.default(0.006),
  /** Suggest a house rule the lexicons did not. */
  houseRuleAt: probability.default(0.2),
  /** Replace a kind read from cues (the probability shared out over the kinds) (never a detector's: threat, safeguarding, FOI, a house rule). */
  kindAt: probability.default(0.35),
  /** Name the service when no keyword does, or replace a single weak keyword's. */
  serviceAt: probability.default(0.25),
  /** Replace the service keywords named, however many, when the model is at least this sure (1: never). */
  serviceOverAt: probability.default(0.4),
  /** Raise the risk to what the model reads. */
  riskAt: probability.default(0.6),
  /**
   * Named lists of words for one idea each (a person who may be vulnerable, a sign of harm, despair, intent to
   * hurt…): the model reads each concept, and each pair found together, beside the words, so what it learned
   * from "the old boy next door … freezing" carries to "my nan … shivering". A word added here is read as its
   * concept at once; the model's weights are per concept name.
   */
  concepts: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string().min(1))).default({}),
});

export type ReaderPolicy = z.infer<typeof readerSchema>;
