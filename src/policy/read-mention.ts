// Owns reading a mention the way a comms officer would: service, kind, house rules, risk, safeguarding, threat, FOI, personal data.
import type { RiskLevel } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import { assessRisk } from './assess-risk.js';
import { withChatterGeneral } from './chatter-service.js';
import { NO_LEARNING, suggestWithLearning, type LearnedModels } from './combine-suggestions.js';
import { dismissalNote, withLearnedHouseRules } from './learned-rulings.js';
import { withModelClassification, withModelConcerns, withModelHouseRules, withModelRisk } from './model-suggestions.js';
import { boundWords } from './bounded-words.js';
import { findPersonalData, type PersonalDataKind } from './personal-data.js';
import type { Policy } from './policy-schema.js';
import type { ReaderModel } from './reader-model.js';
import { detectThreats, findConcerns } from './safeguarding.js';
import { seedModel } from './seed-model.js';
import { offTopicAlone, suggestHouseRules, withRuleOfKind, type HouseRuleSuggestion } from './suggest-house-rules.js';
import { scoreTogether } from './text-model.js';

export interface MentionReading {
  readonly serviceTag: string | null;
  readonly kind: string | null;
  readonly confidence: number;
  readonly houseRules: readonly HouseRuleSuggestion[];
  readonly risk: RiskLevel;
  /** Why the risk is what it is ("12,000 followers", "mentions \"journalist\""). */
  readonly riskReasons: readonly string[];
  /** Why this is a high reputational risk (001 triage matrix option 5); empty: it is not one. */
  readonly reputational: readonly string[];
  /** What made it a safeguarding referral (threats included); empty: none. */
  readonly safeguarding: readonly string[];
  /** What read as a threat of violence; empty: none. */
  readonly threat: readonly string[];
  /** Said on a referral when the safeguarding lead has dismissed posts like it before; it is referred all the same. */
  readonly safeguardingNote: string | null;
  readonly foi: boolean;
  readonly personalData: readonly PersonalDataKind[];
  readonly reasons: readonly string[];
}

/**
 * Every suggestion the desk makes about one mention, in one place: what intake, the card, the forms and the
 * evaluation read. Pure, and each detector runs once over the text: intake can read a batch and pass the
 * readings along.
 */
export function readMention(policy: Policy, mention: Mention, learned: LearnedModels = NO_LEARNING): MentionReading {
  const parent = mention.parent === undefined ? undefined : boundWords(mention.parent.text);
  const text = boundWords(mention.text);
  const model = readerModel(policy, learned, text);
  const threats = detectThreats(policy, text);
  const ruled = findConcerns(policy, text, threats);
  // Every concern is referred; the kind and risk follow only those the lexicons found or the model is sure of.
  const { referred: concerns, sure } = model ? withModelConcerns(policy, model, text, ruled) : { referred: ruled, sure: ruled };
  // "Unrelated" gives way to a concern the lexicons found or the model is sure of, not to every referral: at its low
  // bars the model refers about four in ten routine mentions ("who won the football last night"), and those are
  // referred all the same; hiding chatter does not stop a referral.
  const listed = suggestHouseRules(policy, text, parent, threats, sure.length > 0);
  const lexiconRules = model ? offTopicAlone(policy, withModelHouseRules(policy, model, text, listed, parent !== undefined), sure.length > 0) : listed;
  const suggested = suggestWithLearning(policy, text, parent, learned, { concerns: sure, houseRules: lexiconRules });
  const read = model ? withModelClassification(policy, model, text, suggested, parent) : suggested;
  const houseRules = offTopicAlone(policy, withRuleOfKind(policy, read.kind, lexiconRules), sure.length > 0);
  const classification = withChatterGeneral(policy, text, read, houseRules);
  const assessed = assessRisk(policy, mention, { concerns: sure, houseRules, kind: classification.kind });
  const risk = model ? withModelRisk(policy, model, text, assessed) : assessed;
  const safeguarding = unique(concerns.flatMap((c) => c.matched));
  return {
    serviceTag: classification.serviceTag,
    kind: classification.kind,
    confidence: classification.confidence,
    houseRules: withLearnedHouseRules(policy, text, houseRules, learned),
    risk: risk.level,
    riskReasons: risk.reasons,
    reputational: risk.reputational,
    safeguarding,
    threat: concerns.find((c) => c.id === 'threat')?.matched ?? [],
    safeguardingNote: safeguarding.length ? dismissalNote(text, learned) : null,
    foi: classification.kind === 'foi_request',
    personalData: [...new Set(findPersonalData(mention.text, { streetAddresses: true }).map((p) => p.kind))],
    reasons: classification.reasons,
  };
}

/** The reader model that reads beside the lexicons: the caller's (a model under test), else the shipped seed; none when the policy turns it off or the text is too short to read. */
function readerModel(policy: Policy, learned: LearnedModels, text: string): ReaderModel | null {
  if (!hasWords(text, policy.reader.minWords)) return null;
  const model = learned.reader !== undefined ? learned.reader : policy.reader.seedModel ? seedModel() : null;
  // Every field's model reads the mention's text but the concept one (it reads the concepts the text holds).
  if (model) scoreTogether([model.safeguarding, model.threat, model.kind, model.service, model.houseRule, model.risk]);
  return model;
}

/** Whether the text has at least `least` words: counted up to there, not listed (a long text has thousands). */
const WORD = /[\p{L}\p{N}]+/gu;
function hasWords(text: string, least: number): boolean {
  WORD.lastIndex = 0;
  let count = 0;
  while (count < least && WORD.test(text)) count++;
  return count >= least;
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}
