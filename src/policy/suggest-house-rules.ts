// Owns suggesting which house rules a post may break, from each rule's lexicon and patterns: a suggestion, never a decision.
import { findPatterns, findTerms } from './find-terms.js';
import type { HouseRule } from './policy-rules-schema.js';
import type { Policy } from './policy-schema.js';
import { detectThreats } from './safeguarding.js';
import { suggestService } from './suggest-service.js';

export interface HouseRuleSuggestion {
  readonly ruleId: string;
  readonly title: string;
  /** What in the text suggested it, as written there (or "3 links"). */
  readonly matched: readonly string[];
  readonly source: string;
}

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
const LINKS_ALONE_SUGGEST_SPAM = 3;

/**
 * House rules the text may break, in policy order, each with what matched: the rule's `lexicon` and
 * `patterns` (and threats, where the rule `includesThreats`). An `offTopic` rule is only weighed for a
 * comment on a post (`parentText`), and by its subject alone only when nothing else is found: a resident who
 * raises a concern about someone, a threat or another breach under any post is not chatter to hide as unrelated
 * (hiding a safeguarding concern would bury it). The bot preselects these; a person decides (issue 5). `threats`:
 * detectThreats' answer, when the caller has it already; `concernFound`: whether a safeguarding concern was read.
 */
export function suggestHouseRules(policy: Policy, text: string, parentText?: string, threats?: readonly string[], concernFound = false): HouseRuleSuggestion[] {
  const out: HouseRuleSuggestion[] = [];
  const bySubject: HouseRule[] = [];
  for (const rule of policy.houseRules) {
    if (rule.offTopic && !parentText) continue;
    const matched = unique([
      ...findTerms(text, rule.lexicon),
      ...findPatterns(text, rule.patterns),
      ...(rule.includesThreats ? (threats ??= detectThreats(policy, text)) : []),
    ]);
    if (rule.id === 'spam') spamLinks(text, matched);
    if (rule.offTopic && matched.length === 0) bySubject.push(rule);
    if (matched.length > 0) out.push({ ruleId: rule.id, title: rule.title, matched, source: rule.source });
  }
  const concern = concernFound || (threats ??= detectThreats(policy, text)).length > 0;
  // The subject is compared only when it could stand (offTopicAlone): two service readings a comment.
  const off = parentText && out.length === 0 && !concern ? offTopic(policy, text, parentText) : [];
  if (off.length) out.push(...bySubject.map((rule) => ({ ruleId: rule.id, title: rule.title, matched: off, source: rule.source })));
  return offTopicAlone(policy, policy.houseRules.flatMap((r) => out.filter((o) => o.ruleId === r.id)), concern);
}

/**
 * An off-topic rule ("unrelated to the post") stands only alone: when another breach is found, that rule is the
 * reason to act, and a post that raises a concern or a threat is never hidden as chatter (it would bury the
 * concern). One rule for every reading: the lexicons' alone (above) and, in readMention, the lexicons' and the
 * reader model's together.
 */
export function offTopicAlone(policy: Policy, rules: readonly HouseRuleSuggestion[], concernFound: boolean): HouseRuleSuggestion[] {
  const offTopicRule = (s: HouseRuleSuggestion) => houseRuleById(policy, s.ruleId)?.offTopic === true;
  return concernFound || rules.some((s) => !offTopicRule(s)) ? rules.filter((s) => !offTopicRule(s)) : [...rules];
}

/** The house rules as the policy has them, for looking up a suggestion's weight. */
export function houseRuleById(policy: Policy, id: string): HouseRule | undefined {
  return policy.houseRules.find((r) => r.id === id);
}

/** Links count as evidence of spam with a promotional phrase, or alone when there are three or more. */
function spamLinks(text: string, matched: string[]): void {
  const links = text.match(LINK) ?? [];
  if (matched.length > 0) matched.push(...links);
  else if (links.length >= LINKS_ALONE_SUGGEST_SPAM) matched.push(`${links.length} links`);
}

/**
 * A comment about a different service from the post it answers, sharing no word of substance with it
 * (000 rule 4): "who's the best electrician?" under a garden-waste post.
 */
function offTopic(policy: Policy, text: string, parentText: string): string[] {
  const mine = suggestService(policy, text);
  const theirs = suggestService(policy, parentText);
  if (!mine || !theirs || mine.tag === theirs.tag) return [];
  const words = (s: string) => new Set((s.toLowerCase().match(/\p{L}{4,}/gu) ?? []).map((w) => w.replace(/s$/, '')));
  const parentWords = words(parentText);
  if ([...words(text)].some((w) => parentWords.has(w))) return [];
  return [`about ${mine.name}, under a post about ${theirs.name}`];
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}
