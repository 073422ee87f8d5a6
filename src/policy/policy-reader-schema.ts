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
  /**
   * A rule's own bar in place of `houseRuleAt` (by house rule id): where the model's readings of that rule are right
   * far more or far less often than its others at the shared bar (corpus README, session 12).
   */
  houseRuleAtFor: z.record(z.string(), probability).default({}),
  /**
   * The model's kind stands only at this probability or more (shared out over the kinds), however the lexicons read it.
   */
  kindAt: probability.default(0.25),
  /**
   * What the lexicons' kind (from cues or a detector: a threat, a concern, FOI, a house rule) adds to the model's
   * probability for that kind before the likeliest is taken: the two readings vote, and the lexicons' counts for this
   * much more. 1: the model names a kind only where the lexicons read none.
   */
  kindLexiconWeight: probability.default(0.45),
  /** The model's service stands only at this probability or more (shared out over the services). */
  serviceAt: probability.default(0.17),
  /**
   * What the service the lexicons named (from keywords, the post a comment answers, a concern's person, or the council's own decisions) adds to
   * the model's probability for that service before the likeliest is taken. 1: the model names a service only where
   * the lexicons named none.
   */
  serviceLexiconWeight: probability.default(0.15),
  /** The model's risk stands only at this probability or more (shared out over the levels). */
  riskAt: probability.default(0),
  /**
   * What the lexicons' risk adds to the model's probability for that level before the likeliest is taken. The model
   * may raise the risk, and lower it only from a medium read from the tone of the words (never below what the
   * audience, a concern or a breach settled). 1: the model never changes the risk.
   */
  riskLexiconWeight: probability.default(0.4),
  /**
   * Named lists of words for one idea each (a person who may be vulnerable, a sign of harm, despair, intent to
   * hurt…): the model reads each concept, and each pair found together, beside the words, so what it learned
   * from "the old boy next door … freezing" carries to "my nan … shivering". A word added here is read as its
   * concept at once; the model's weights are per concept name.
   */
  concepts: z.record(z.string().regex(/^[a-z_]+$/), z.array(z.string().min(1))).default({}),
});

export type ReaderPolicy = z.infer<typeof readerSchema>;
