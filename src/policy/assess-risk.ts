// Reputational risk of a mention: audience, standing, wording, and what the desk read in it (001 "Webteam spots an issue").
import type { RiskLevel } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { Policy } from './policy-schema.js';
import { findTerms } from './find-terms.js';
import { findConcerns, type ConcernFound } from './safeguarding.js';
import { analyseSentiment, isStronglyNegative } from './sentiment.js';
import { suggestClassification } from './suggest-classification.js';
import { suggestHouseRules, type HouseRuleSuggestion } from './suggest-house-rules.js';

export interface RiskAssessment {
  readonly level: RiskLevel;
  readonly reasons: readonly string[];
  /**
   * Why this is a high reputational risk (001 triage matrix option 5: a highly influential author, the press
   * or an elected representative, a controversial subject); empty: it is not one.
   */
  readonly reputational: readonly string[];
  /**
   * The level what is known beside the wording sets (the author's audience, a concern, a breach of a house rule, the
   * press or a lawyer named): a reading of the words (the seed model's) may lower the risk to this and no further.
   */
  readonly settled: RiskLevel;
}

/** What the text was already read for, so one reading of a mention runs each detector once. */
export interface RiskEvidence {
  readonly concerns: readonly ConcernFound[];
  readonly houseRules: readonly HouseRuleSuggestion[];
  readonly kind: string | null;
}

/**
 * High: a safeguarding concern or threat, the press, MPs, lawyers, the ombudsman, a scam in the council's
 * name (`risk.highRiskTerms`), a breach of a high-risk house rule, a large audience. Medium: a complaint
 * (critical of the council), any other breach, `risk.mediumRiskTerms`, strongly negative wording, a
 * medium audience or a verified account. Low otherwise.
 */
export function assessRisk(policy: Policy, mention: Mention, evidence?: RiskEvidence): RiskAssessment {
  const r = policy.risk;
  const reasons: string[] = [];
  const reputational: string[] = [];
  let level: RiskLevel = 'low';
  const raise = (to: RiskLevel, why: string) => {
    reasons.push(why);
    if (to === 'high' || (to === 'medium' && level === 'low')) level = to;
  };
  const text = mention.text;
  const followers = mention.author.followers;
  if (followers !== null && followers >= r.followersHigh) {
    raise('high', `${followers.toLocaleString('en-GB')} followers`);
    reputational.push(`an influential author (${followers.toLocaleString('en-GB')} followers)`);
  }
  else if (followers !== null && followers >= r.followersMedium) raise('medium', `${followers.toLocaleString('en-GB')} followers`);
  if (mention.author.verified && r.verifiedIsMedium) raise('medium', 'verified account');
  const concerns = evidence?.concerns ?? findConcerns(policy, text);
  if (concerns.length) raise('high', `possible ${concerns.map((c) => c.name.toLowerCase()).join('; ')}`);
  const terms = findTerms(text, r.highRiskTerms);
  if (terms.length) raise('high', `mentions ${terms.map((t) => `"${t}"`).join(', ')}`);
  const press = findTerms(text, r.reputationalTerms);
  if (press.length) {
    raise('high', `mentions ${press.map((t) => `"${t}"`).join(', ')}`);
    reputational.push(`the press or an elected representative (${press.map((t) => `"${t}"`).join(', ')})`);
  }
  const controversial = findTerms(text, r.controversialTerms);
  if (controversial.length) {
    raise('medium', `a controversial subject (${controversial.map((t) => `"${t}"`).join(', ')})`);
    reputational.push(`a controversial subject (${controversial.map((t) => `"${t}"`).join(', ')})`);
  }
  for (const breach of evidence?.houseRules ?? suggestHouseRules(policy, text, mention.parent?.text)) {
    const weight = policy.houseRules.find((x) => x.id === breach.ruleId)?.risk ?? 'medium';
    if (weight !== 'low') raise(weight, `possible breach: ${breach.title.toLowerCase()}`);
  }
  // What follows reads the tone of the words (medium terms, a complaint, strong negative wording): a reading, not a fact.
  const settled = level;
  const medium = findTerms(text, r.mediumRiskTerms);
  if (medium.length) raise('medium', `mentions ${medium.map((t) => `"${t}"`).join(', ')}`);
  const kind = evidence ? evidence.kind : suggestClassification(policy, text, mention.parent?.text).kind;
  if (kind === 'complaint') raise('medium', 'reads as a complaint');
  // 001 weighs "how critical" a comment is; AFINN-165 sentiment is the maintained lexicon for that.
  const mood = analyseSentiment(text);
  if (isStronglyNegative(mood)) {
    raise('medium', `strongly negative wording (sentiment ${mood.score}: ${mood.negative.slice(0, 3).map((w) => `"${w}"`).join(', ')})`);
  }
  return { level, reasons, reputational, settled };
}
