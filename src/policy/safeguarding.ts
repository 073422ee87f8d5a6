// Owns spotting a safeguarding concern or a threat in a text: it goes to the safeguarding lead at once, any hour.
import { findPatterns, findTermMatches, findTermTexts } from './find-terms.js';
import type { SafeguardingConcern } from './policy-lexicon-schema.js';
import type { Policy } from './policy-schema.js';

export const SAFEGUARDING_RULE = 'risk:safeguarding';
export const SAFEGUARDING_SOURCE = "004 §2 (safeguarding is everyone's business: report concerns)";

export interface ConcernFound {
  /** The concern's id in the policy (self_harm, child_at_risk…), or "threat". */
  readonly id: string;
  readonly name: string;
  /** The service the policy files this form of concern under, if any. */
  readonly service?: string | undefined;
  /** What matched, in the resident's words ("little ones" … "on their own"). */
  readonly matched: readonly string[];
}

/**
 * Each everyday form of concern the policy lists (policy `safeguarding.concerns`), plus threats and the
 * older `risk.safeguardingTerms`. Errs on the side of the person: a person decides, and a missed concern
 * costs far more than a false alarm. `threats`: detectThreats' answer, when the caller has it already.
 */
export function findConcerns(policy: Policy, text: string, threats: readonly string[] = detectThreats(policy, text)): ConcernFound[] {
  const out: ConcernFound[] = [];
  for (const concern of policy.safeguarding.concerns) {
    const matched = matchConcern(concern, text);
    if (matched.length) out.push({ id: concern.id, name: concern.name, service: concern.service, matched });
  }
  const listed = inTheirWords(text, policy.risk.safeguardingTerms);
  if (listed.length) out.push({ id: 'listed', name: 'Safeguarding term', matched: listed });
  if (threats.length) out.push({ id: 'threat', name: 'Threat of violence', matched: threats });
  return out;
}

/** Threats of violence towards staff, councillors or anyone (policy `safeguarding.threats`). */
export function detectThreats(policy: Policy, text: string): string[] {
  const t = policy.safeguarding.threats;
  return unique([...inTheirWords(text, t.terms), ...findPatterns(text, t.patterns)]);
}

/** Everything that makes this a referral, each once: what the card and the referral quote. */
export function detectSafeguarding(policy: Policy, text: string): string[] {
  return unique(findConcerns(policy, text).flatMap((c) => c.matched));
}

function matchConcern(concern: SafeguardingConcern, text: string): string[] {
  const direct = unique([...inTheirWords(text, concern.terms), ...findPatterns(text, concern.patterns)]);
  if (direct.length || !concern.who.length || !concern.what.length) return direct;
  const who = findTermMatches(text, concern.who, { forms: true });
  const what = findTermMatches(text, concern.what, { forms: true });
  for (const w of who) {
    const near = what.find((x) => x.index !== w.index && Math.abs(x.index - w.index) <= concern.within);
    if (near) return [`${w.text} … ${near.text}`];
  }
  return [];
}

/** The terms found, as the resident wrote them ("I know where you live", not the policy's lower case). */
function inTheirWords(text: string, terms: readonly string[]): string[] {
  return findTermTexts(text, terms);
}

function unique(values: readonly string[]): string[] {
  const seen = new Set<string>();
  return values.filter((v) => !seen.has(v.toLowerCase()) && seen.add(v.toLowerCase()));
}

/** The message for the card and the referral: what matched and why it skips the queue. */
export function safeguardingMessage(matched: readonly string[]): string {
  return (
    `Possible safeguarding concern or threat (${matched.map((m) => `"${m}"`).join(', ')}): this goes to the ` +
    `safeguarding lead now, in or out of hours, and is recorded as a referral (${SAFEGUARDING_SOURCE}).`
  );
}
