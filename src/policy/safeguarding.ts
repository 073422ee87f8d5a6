// Owns spotting a safeguarding concern or a threat in a text: it goes to the safeguarding lead at once, any hour.
import { findTerms } from './find-terms.js';
import type { Policy } from './policy-schema.js';

export const SAFEGUARDING_RULE = 'risk:safeguarding';
export const SAFEGUARDING_SOURCE = "004 §2 (safeguarding is everyone's business: report concerns)";

/**
 * Threats of violence towards staff or others. Phrases, not single words: "kill" alone would flag
 * "the heat will kill my plants". Shared with the abuse_of_staff house-rule suggestions.
 */
export const THREAT_PATTERNS: readonly RegExp[] = [
  /\bi\s*(?:'ll|’ll|\s+will|\s+am\s+going\s+to|'m\s+going\s+to|’m\s+going\s+to|\s+am\s+gonna|'m\s+gonna|’m\s+gonna|\s+gonna)\s+(?:kill|hurt|stab|shoot|batter|find|get)\s+(?:you|u|him|her|them|your|one\s+of\s+you)\b/i,
  /\b(?:kill|stab|shoot)\s+(?:you|u|him|her|them|all\s+of\s+you|one\s+of\s+you|your\s+staff)\b/i,
  /\bi\s+know\s+where\s+(?:you|u|he|she|they)\s+lives?\b/i,
  /\bwatch\s+your\s+back\b/i,
  /\b(?:burn|blow)\s+(?:down|up)\s+(?:the|your)\s+(?:council|offices?|town\s+hall|civic\s+centre|building)\b/i,
  /\b(?:hope|wish)\s+(?:you|u|they)\s+(?:all\s+)?(?:die|get\s+hurt)\b/i,
  /\bdeserve\s+to\s+(?:die|be\s+shot)\b/i,
];

/** Someone at risk of harming themselves: always a safeguarding referral. */
export const SELF_HARM_PATTERNS: readonly RegExp[] = [
  /\b(?:want|going)\s+to\s+(?:die|end\s+it\s+all)\b/i,
  /\b(?:end|take)\s+my\s+(?:own\s+)?life\b/i,
  /\bend\s+it\s+all\b/i,
  /\bhurt(?:ing)?\s+myself\b/i,
  /\bno\s+reason\s+to\s+live\b/i,
];

/**
 * The words and phrases that make this a safeguarding concern: the policy's `risk.safeguardingTerms`
 * plus the built-in threat and self-harm phrases. Errs on the side of flagging ("kill myself laughing"
 * is flagged): a person decides, and a missed concern costs far more than a false alarm. A case with
 * any match skips the working-time rules and goes at once to the safeguarding lead.
 */
export function detectSafeguarding(policy: Policy, text: string): string[] {
  const found = findTerms(text, policy.risk.safeguardingTerms);
  for (const pattern of [...THREAT_PATTERNS, ...SELF_HARM_PATTERNS]) {
    const m = pattern.exec(text);
    if (m && !found.some((f) => f.toLowerCase() === m[0].toLowerCase())) found.push(m[0]);
  }
  return found;
}

/** The message for the card and the referral: what matched and why it skips the queue. */
export function safeguardingMessage(matched: readonly string[]): string {
  return (
    `Possible safeguarding concern or threat (${matched.map((m) => `"${m}"`).join(', ')}): this goes to the ` +
    `safeguarding lead now, in or out of hours, and is recorded as a referral (${SAFEGUARDING_SOURCE}).`
  );
}
