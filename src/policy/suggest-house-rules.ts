// Owns suggesting which house rules a post may break, from each rule's lexicon: a suggestion, never a decision.
import { findTerms } from './find-terms.js';
import type { Policy } from './policy-schema.js';
import { THREAT_PATTERNS } from './safeguarding.js';

export interface HouseRuleSuggestion {
  readonly ruleId: string;
  readonly title: string;
  /** What in the text suggested it, as written there (or "3 links"). */
  readonly matched: readonly string[];
  readonly source: string;
}

/** Built-in lexicon per default rule id: phrases (whole words, any case) or patterns. */
interface DefaultLexicon {
  readonly phrases?: readonly string[];
  readonly patterns?: readonly RegExp[];
}

const TARGET = String.raw`(?:you(?:\s+lot|\s+people)?|u|your\s+(?:staff|workers|officers|team|employees|bin\s*men|councillors?)|the\s+(?:staff|officers|workers))`;
const BE = String.raw`(?:\s*(?:'re|’re)|\s+(?:are|r|is|were))?`;
const FILLER = String.raw`(?:\s+(?:all|just|such|total|complete|absolute|utter|nothing\s+but|a\s+bunch\s+of|a\s+load\s+of|a\s+pack\s+of|an?))*`;
const INSULT = String.raw`(?:idiots?|morons?|scum|cretins?|imbeciles?|muppets?|parasites?|vermin|clowns|pigs|lowlifes?|wastes?\s+of\s+space)`;

const DEFAULT_LEXICONS: Readonly<Record<string, DefaultLexicon>> = {
  // Promotional phrases; links count as evidence with them, or alone when there are three or more.
  spam: {
    phrases: ['buy now', 'crypto', 'cryptocurrency', 'bitcoin', 'giveaway', 'click here', 'free followers', 'promo code', 'limited time offer', 'investment opportunity'],
  },
  // Insults aimed at the people running the accounts ("you lot are idiots", "your staff are scum") and
  // threats. Criticism of a service ("useless", "incompetent") is not abuse: 002 §6.3.1 welcomes debate.
  abuse_of_staff: {
    patterns: [new RegExp(String.raw`\b${TARGET}${BE}${FILLER}\s+${INSULT}\b`, 'iu'), ...THREAT_PATTERNS],
  },
  // Category phrases only. Slurs are deliberately NOT built in: a short list would be both incomplete and
  // offensive to maintain in code; each council adds its own to `houseRules[].lexicon` in the policy.
  hate_speech: {
    patterns: [
      /\bgo\s+back\s+(?:to|home\s+to)\s+(?:your|ur)\s+(?:own\s+)?country\b/i,
      /\bgo\s+back\s+(?:to\s+)?where\s+(?:you|they)\s+(?:came|come)\s+from\b/i,
      /\b(?:don't|do\s+not|dont)\s+belong\s+in\s+(?:this|our)\s+country\b/i,
      /\bnot\s+welcome\s+in\s+(?:this|our)\s+country\b/i,
    ],
  },
};

const LINK = /\bhttps?:\/\/\S+|\bwww\.\S+/gi;
const LINKS_ALONE_SUGGEST_SPAM = 3;

/**
 * House rules the text may break, in policy order, each with what matched: the rule's configurable
 * `lexicon` plus the built-in one for its id. The bot preselects these; a person decides (issue 5).
 */
export function suggestHouseRules(policy: Policy, text: string): HouseRuleSuggestion[] {
  const out: HouseRuleSuggestion[] = [];
  for (const rule of policy.houseRules) {
    const builtIn = DEFAULT_LEXICONS[rule.id] ?? {};
    const matched = unique([
      ...findTerms(text, rule.lexicon),
      ...findTerms(text, builtIn.phrases ?? []),
      ...(builtIn.patterns ?? []).flatMap((p) => p.exec(text)?.[0] ?? []),
    ]);
    if (rule.id === 'spam') {
      const links = text.match(LINK) ?? [];
      if (matched.length > 0) matched.push(...links);
      else if (links.length >= LINKS_ALONE_SUGGEST_SPAM) matched.push(`${links.length} links`);
    }
    if (matched.length > 0) out.push({ ruleId: rule.id, title: rule.title, matched, source: rule.source });
  }
  return out;
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}
