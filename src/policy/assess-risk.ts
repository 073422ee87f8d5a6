// Reputational risk of a mention: audience, standing and wording (001 "Webteam spots an issue").
import type { RiskLevel } from '../domain/case.js';
import type { Mention } from '../domain/mention.js';
import type { Policy } from './policy-schema.js';
import { findTerms } from './find-terms.js';
import { analyseSentiment, isStronglyNegative } from './sentiment.js';

export interface RiskAssessment {
  readonly level: RiskLevel;
  readonly reasons: readonly string[];
}

export function assessRisk(policy: Policy, mention: Mention): RiskAssessment {
  const r = policy.risk;
  const reasons: string[] = [];
  let level: RiskLevel = 'low';
  const raise = (to: RiskLevel, why: string) => {
    reasons.push(why);
    if (to === 'high' || (to === 'medium' && level === 'low')) level = to;
  };
  const followers = mention.author.followers;
  if (followers !== null && followers >= r.followersHigh) raise('high', `${followers.toLocaleString('en-GB')} followers`);
  else if (followers !== null && followers >= r.followersMedium) raise('medium', `${followers.toLocaleString('en-GB')} followers`);
  if (mention.author.verified && r.verifiedIsMedium) raise('medium', 'verified account');
  const terms = findTerms(mention.text, r.highRiskTerms);
  if (terms.length) raise('high', `mentions ${terms.map((t) => `"${t}"`).join(', ')}`);
  // 001 weighs "how critical" a comment is; AFINN-165 sentiment is the maintained lexicon for that.
  const mood = analyseSentiment(mention.text);
  if (isStronglyNegative(mood)) {
    raise('medium', `strongly negative wording (sentiment ${mood.score}: ${mood.negative.slice(0, 3).map((w) => `"${w}"`).join(', ')})`);
  }
  return { level, reasons };
}
