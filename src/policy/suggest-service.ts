// Owns suggesting a mention's service from the policy's keywords: word forms, and the longest phrase wins a word.
import { findTermMatches } from './find-terms.js';
import type { Policy } from './policy-schema.js';
import { RecentTexts } from './recent-texts.js';

export interface ServiceSuggestion {
  readonly tag: string;
  readonly name: string;
  /** The keywords found, as the resident wrote them. */
  readonly found: readonly string[];
  /** Words matched (a two-word keyword scores 2). */
  readonly score: number;
}

/**
 * The service whose keywords cover most words of the text. Keywords are tried longest first across all
 * services and each claims its words, so "car park" counts for parking and not also "park" for parks.
 * A tie goes to the service listed first. Null when no keyword is found.
 */
export function suggestService(policy: Policy, text: string): ServiceSuggestion | null {
  return recent.answer(text, () => ({ services: policy.services, service: serviceOf(policy, text) }), (kept) => kept.services === policy.services).service;
}

/** One reading asks for the same text's service twice (the house rules' off-topic check, then the classification): worked out once. */
const recent = new RecentTexts<{ readonly services: Policy['services']; readonly service: ServiceSuggestion | null }>();

function serviceOf(policy: Policy, text: string): ServiceSuggestion | null {
  const claimed: Array<[number, number]> = [];
  const tally = new Map<number, { score: number; found: Array<{ text: string; index: number }> }>();
  const { keywords, candidates } = keywordsLongestFirst(policy);
  // Keyword by keyword, longest first, each keyword's matches in the order they occur.
  for (const m of findTermMatches(text, keywords, { forms: true })) {
    const c = candidates[m.position]!;
    const end = m.index + m.text.length;
    if (claimed.some(([s, e]) => m.index < e && s < end)) continue;
    claimed.push([m.index, end]);
    const t = tally.get(c.order) ?? { score: 0, found: [] };
    t.score += c.words;
    if (!t.found.some((f) => f.text.toLowerCase() === m.text.toLowerCase())) t.found.push({ text: m.text, index: m.index });
    tally.set(c.order, t);
  }
  let best: ServiceSuggestion | null = null;
  policy.services.forEach((service, order) => {
    const t = tally.get(order);
    if (t && t.score > (best?.score ?? 0)) best = { tag: service.tag, name: service.name, found: [...t.found].sort((a, b) => a.index - b.index).map((f) => f.text), score: t.score };
  });
  return best;
}

interface Candidate {
  /** The service's place in the policy. */
  readonly order: number;
  readonly keyword: string;
  readonly words: number;
}

/** Every service's keywords in the order they claim words, and whose each is (by its place in that list). */
interface KeywordOrder {
  readonly keywords: readonly string[];
  readonly candidates: readonly Candidate[];
}

/**
 * Every service's keywords, longest first (most words, then most letters; the policy's order among equals):
 * the order they claim words in. Worked out once per policy, not for every mention.
 */
const ordered = new WeakMap<Policy['services'], KeywordOrder>();
function keywordsLongestFirst(policy: Policy): KeywordOrder {
  let order = ordered.get(policy.services);
  if (!order) {
    const all = policy.services.flatMap((service, place) => service.keywords.map((keyword) => ({ order: place, keyword, words: keyword.trim().split(/\s+/).length })));
    const candidates = all.sort((a, b) => b.words - a.words || b.keyword.length - a.keyword.length);
    order = { keywords: candidates.map((c) => c.keyword), candidates };
    ordered.set(policy.services, order);
  }
  return order;
}
