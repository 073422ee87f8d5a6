// Reputational risk of a mention: audience, standing, wording, and what the desk read in it (001 "Webteam spots an issue").
import type { RiskLevel } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { Policy } from './policy-schema.js';
import { findTerms } from './find-terms.js';
import { findConcerns, type ConcernFound } from './safeguarding.js';
import { analyseSentiment, isStronglyNegative } from './sentiment.js';
import { suggestClassification, type ClassificationSuggestion } from './suggest-classification.js';
import { suggestHouseRules } from './suggest-house-rules.js';

/** What intake already read from this mention's text, so the slow detectors run once a mention. */
export interface AlreadyRead {
  readonly concerns?: readonly ConcernFound[];
  /** suggestClassification with the parent's text. */
  readonly suggestionInThread?: ClassificationSuggestion;
}

export interface RiskAssessment {
  readonly level: RiskLevel;
  readonly reasons: readonly string[];
}

/**
 * High: a safeguarding concern or threat, the press, MPs, lawyers, the ombudsman, a scam in the council's
 * name (`risk.highRiskTerms`), a breach of a high-risk house rule, a large audience. Medium: a complaint
 * (critical of the council), any other breach, `risk.mediumRiskTerms`, strongly negative wording, a
 * medium audience or a verified account. Low otherwise.
 */
export function assessRisk(policy: Policy, mention: Mention, alreadyRead: AlreadyRead = {}): RiskAssessment {
  const r = policy.risk;
  const reasons: string[] = [];
  let level: RiskLevel = 'low';
  const raise = (to: RiskLevel, why: string) => {
    reasons.push(why);
    if (to === 'high' || (to === 'medium' && level === 'low')) level = to;
  };
  const text = mention.text;
  const followers = mention.author.followers;
  if (followers !== null && followers >= r.followersHigh) raise('high', `${followers.toLocaleString('en-GB')} followers`);
  else if (followers !== null && followers >= r.followersMedium) raise('medium', `${followers.toLocaleString('en-GB')} followers`);
  if (mention.author.verified && r.verifiedIsMedium) raise('medium', 'verified account');
  const concerns = alreadyRead.concerns ?? findConcerns(policy, text);
  if (concerns.length) raise('high', `possible ${concerns.map((c) => c.name.toLowerCase()).join('; ')}`);
  const terms = findTerms(text, r.highRiskTerms);
  if (terms.length) raise('high', `mentions ${terms.map((t) => `"${t}"`).join(', ')}`);
  for (const breach of suggestHouseRules(policy, text, mention.parent?.text)) {
    const weight = policy.houseRules.find((x) => x.id === breach.ruleId)?.risk ?? 'medium';
    if (weight !== 'low') raise(weight, `possible breach: ${breach.title.toLowerCase()}`);
  }
  const medium = findTerms(text, r.mediumRiskTerms);
  if (medium.length) raise('medium', `mentions ${medium.map((t) => `"${t}"`).join(', ')}`);
  if ((alreadyRead.suggestionInThread ?? suggestClassification(policy, text, mention.parent?.text)).kind === 'complaint') raise('medium', 'reads as a complaint');
  // 001 weighs "how critical" a comment is; AFINN-165 sentiment is the maintained lexicon for that.
  const mood = analyseSentiment(text);
  if (isStronglyNegative(mood)) {
    raise('medium', `strongly negative wording (sentiment ${mood.score}: ${mood.negative.slice(0, 3).map((w) => `"${w}"`).join(', ')})`);
  }
  return { level, reasons };
}
