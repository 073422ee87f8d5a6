// Owns what officers' rulings teach the desk: a learned house-rule suggestion, and the safeguarding lead's past dismissals.
import type { LearnedModels } from './combine-suggestions.js';
import { probabilityOf } from './log-odds.js';
import type { Policy } from './policy-schema.js';
import type { HouseRuleSuggestion } from './suggest-house-rules.js';

/** The label a text gets when officers ruled it broke no house rule. */
export const NO_BREACH = 'none';
/** Labels of the safeguarding model: the lead acknowledged the referral, or ruled it not a concern. */
export const SAFEGUARDING_LABELS = { concern: 'concern', notAConcern: 'not_a_concern' } as const;

/**
 * How sure the learned part must be before it names a breach the lexicons missed (a banner a person rules on; on the
 * corpus 0.7-0.9 changed nothing when log-odds x were read as x / (1 + x)). 0.8 then: log-odds 4, 16 in 17.
 */
const LEARNED_BREACH_AT = probabilityOf(4);
/** How sure before the referral says the lead dismissed posts like it: informative only, it never stops a referral (0.9 then: log-odds 9). */
const LEARNED_DISMISSAL_AT = probabilityOf(9);

/**
 * The lexicons decide where they find a breach; where they find none, a breach the council's own rulings
 * point to with confidence is suggested too, saying it was learned. A person decides either way.
 */
export function withLearnedHouseRules(policy: Policy, text: string, found: readonly HouseRuleSuggestion[], learned: LearnedModels): HouseRuleSuggestion[] {
  if (found.length || !learned.houseRule) return [...found];
  const guess = learned.houseRule.guess(text);
  const rule = guess && guess.label !== NO_BREACH ? policy.houseRules.find((r) => r.id === guess.label && !r.protective) : undefined;
  if (!guess || !rule || guess.confidence < LEARNED_BREACH_AT) return [];
  return [{ ruleId: rule.id, title: rule.title, matched: guess.words, source: `learned from ${learned.houseRule.examples} rulings (${Math.round(guess.confidence * 100)}% sure)` }];
}

/**
 * Safeguarding errs on the side of the person, so dismissals never stop a referral (a miss costs a life);
 * what they teach is said on the referral, so the lead sees at once that posts like this were ruled no concern.
 */
export function dismissalNote(text: string, learned: LearnedModels): string | null {
  const guess = learned.safeguarding?.guess(text);
  if (!guess || guess.label !== SAFEGUARDING_LABELS.notAConcern || guess.confidence < LEARNED_DISMISSAL_AT) return null;
  const examples = learned.safeguarding?.examples ?? 0;
  return `Posts like this were ruled not a safeguarding concern before (learned from ${examples} rulings, ${Math.round(guess.confidence * 100)}% sure; matched ${guess.words.map((w) => `"${w}"`).join(', ')}): referred all the same.`;
}
