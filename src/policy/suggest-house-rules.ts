// Owns suggesting which house rules a post may break, from each rule's lexicon and patterns: a suggestion, never a decision.
import { findPatterns, findTerms } from './find-terms.js';
import type { HouseRule } from './policy-rules-schema.js';
import type { Policy } from './policy-schema.js';
import { detectThreats } from './safeguarding.js';

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
 * `patterns` (and threats, where the rule `includesThreats`). An `offTopic` rule is only weighed for a comment on a
 * post (`parentText`), by its own words ("anyone know a good plumber"), never by the comment's subject alone: read
 * by the service keywords of the comment and of the post, a different subject sharing no word with the post was
 * right 21 times in 121 on sixteen parts nobody had read (corpus README, session 11), and a resident's question about
 * another service is not chatter to hide. A resident who raises a concern about someone, a threat or another breach
 * under any post is never suggested as unrelated either (hiding a safeguarding concern would bury it). The bot
 * preselects these; a person decides (issue 5). `threats`: detectThreats' answer, when the caller has it already;
 * `concernFound`: whether a safeguarding concern was read.
 */
export function suggestHouseRules(policy: Policy, text: string, parentText?: string, threats?: readonly string[], concernFound = false): HouseRuleSuggestion[] {
  const out: HouseRuleSuggestion[] = [];
  for (const rule of policy.houseRules) {
    if (rule.offTopic && !parentText) continue;
    const matched = unique([
      ...findTerms(text, rule.lexicon),
      ...findPatterns(text, rule.patterns),
      ...(rule.includesThreats ? (threats ??= detectThreats(policy, text)) : []),
    ]);
    if (rule.id === 'spam') spamLinks(text, matched);
    if (matched.length > 0) out.push({ ruleId: rule.id, title: rule.title, matched, source: rule.source });
  }
  return offTopicAlone(policy, out, concernFound || (threats ??= detectThreats(policy, text)).length > 0);
}

/**
 * An off-topic rule ("unrelated to the post") stands only alone: when another breach is found, that rule is the
 * reason to act, and a post that raises a concern or a threat is never hidden as chatter (it would bury the
 * concern). One rule for every reading: the lexicons' alone (above) and, in readMention, the lexicons' and the
 * reader model's together.
 */
export function offTopicAlone(policy: Policy, rules: readonly HouseRuleSuggestion[], concernFound: boolean): HouseRuleSuggestion[] {
  const onTopic = (s: HouseRuleSuggestion) => !isOffTopic(policy, s);
  return concernFound || rules.some(onTopic) ? rules.filter(onTopic) : [...rules];
}

/** Whether the suggestion is of an off-topic rule ("unrelated to the post"; the policy's `offTopic`). */
export function isOffTopic(policy: Policy, s: HouseRuleSuggestion): boolean {
  return houseRuleById(policy, s.ruleId)?.offTopic === true;
}

/**
 * A mention read as a kind that one house rule alone names (spam, misinformation) breaks that rule: the kind is
 * read by the lexicons and the model together, and a post read as misinformation with no rule suggested leaves
 * the moderator nothing to act on. A kind several rules share (abuse: hate speech, abuse of staff, defamation)
 * names none of them. On fifteen unseen folds the kind named a missed misinformation or spam breach 15 times and a
 * wrong one 3 times (corpus README, session 12).
 */
export function withRuleOfKind(policy: Policy, kind: string | null, rules: readonly HouseRuleSuggestion[]): HouseRuleSuggestion[] {
  const naming = kind === null ? [] : policy.houseRules.filter((r) => r.kind === kind && !r.protective);
  const rule = naming.length === 1 ? naming[0]! : undefined;
  if (!rule || rules.some((s) => s.ruleId === rule.id)) return [...rules];
  return [...rules, { ruleId: rule.id, title: rule.title, matched: [`read as ${rule.kind?.replace(/_/g, ' ') ?? ''}`], source: `${rule.source}; the mention's kind` }];
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

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}
