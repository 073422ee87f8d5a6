// Owns the service of a post about no service: spam and off-topic chatter are General.
import type { Policy } from './policy-schema.js';
import type { ClassificationSuggestion } from './suggest-classification.js';
import { isOffTopic, type HouseRuleSuggestion } from './suggest-house-rules.js';
import { suggestService } from './suggest-service.js';

const GENERAL = 'general';

/**
 * Spam and off-topic chatter are about no service (the label rules: "general when none"), but the service model
 * names one for them from stray words: "check my bio for free iphone" read as waste, a lost cat as children's
 * services. So a mention read as spam or as off-topic whose own words name no service keyword and no concern is
 * General. A phishing post about a council tax refund keeps council tax: it names it. On text no model had learned
 * from (28 folds, 7,840 lines; corpus README, session 16) service rose 82.9 → 83.6%.
 */
export function withChatterGeneral(policy: Policy, text: string, c: ClassificationSuggestion, houseRules: readonly HouseRuleSuggestion[]): ClassificationSuggestion {
  const chatter = c.kind === 'spam' || houseRules.some((s) => isOffTopic(policy, s));
  const fromConcern = c.serviceFrom !== null && 'concern' in c.serviceFrom;
  if (!chatter || c.serviceTag === null || c.serviceTag === GENERAL || fromConcern) return c;
  // Its own words, not the post it answers: spam under a council post about bins is still about nothing.
  if (suggestService(policy, text) !== null) return c;
  const general = policy.services.find((s) => s.tag === GENERAL);
  const reasons = [...c.reasons];
  reasons[0] = `service ${general?.name ?? 'none'}: read as ${c.kind === 'spam' ? 'spam' : 'off-topic'}, and it names no service`;
  return { ...c, serviceTag: general ? general.tag : null, reasons };
}
