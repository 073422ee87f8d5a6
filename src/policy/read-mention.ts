// Owns reading a mention the way a comms officer would: service, kind, house rules, risk, safeguarding, threat, FOI, personal data.
import type { RiskLevel } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { assessRisk } from './assess-risk.js';
import { findPersonalData, type PersonalDataKind } from './personal-data.js';
import type { Policy } from './policy-schema.js';
import { detectSafeguarding, detectThreats } from './safeguarding.js';
import { NO_LEARNING, suggestWithLearning, type LearnedModels } from './combine-suggestions.js';
import { suggestHouseRules, type HouseRuleSuggestion } from './suggest-house-rules.js';

export interface MentionReading {
  readonly serviceTag: string | null;
  readonly kind: string | null;
  readonly confidence: number;
  readonly houseRules: readonly HouseRuleSuggestion[];
  readonly risk: RiskLevel;
  /** What made it a safeguarding referral (threats included); empty: none. */
  readonly safeguarding: readonly string[];
  /** What read as a threat of violence; empty: none. */
  readonly threat: readonly string[];
  readonly foi: boolean;
  readonly personalData: readonly PersonalDataKind[];
  readonly reasons: readonly string[];
}

/** Every suggestion the desk makes about one mention, in one place: what the card, the forms and the evaluation read. */
export function readMention(policy: Policy, mention: Mention, learned: LearnedModels = NO_LEARNING): MentionReading {
  const parent = mention.parent?.text;
  const classification = suggestWithLearning(policy, mention.text, parent, learned);
  return {
    serviceTag: classification.serviceTag,
    kind: classification.kind,
    confidence: classification.confidence,
    houseRules: suggestHouseRules(policy, mention.text, parent),
    risk: assessRisk(policy, mention).level,
    safeguarding: detectSafeguarding(policy, mention.text),
    threat: detectThreats(policy, mention.text),
    foi: classification.kind === 'foi_request',
    personalData: [...new Set(findPersonalData(mention.text).map((p) => p.kind))],
    reasons: classification.reasons,
  };
}
