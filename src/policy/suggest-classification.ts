// Owns suggesting a case's service tag and kind from its text, with a confidence and the reasons in the resident's words.
import type { Policy } from './policy-schema.js';
import { findConcerns, type ConcernFound } from './safeguarding.js';
import { suggestHouseRules, type HouseRuleSuggestion } from './suggest-house-rules.js';
import { suggestKind } from './suggest-kind.js';
import { suggestService } from './suggest-service.js';

export interface ClassificationSuggestion {
  readonly serviceTag: string | null;
  readonly kind: string | null;
  /** 0–1, the kind's: how clearly the cues point one way. */
  readonly confidence: number;
  /** Why, in words a comms officer can check at a glance. */
  readonly reasons: readonly string[];
  /** The words behind the kind, as the resident wrote them ("fed up", "third week"). */
  readonly matched: readonly string[];
  /** Where the service came from: a safeguarding concern's, or keywords covering this many words. */
  readonly serviceFrom: { readonly concern: true } | { readonly keywords: number } | null;
}

/** The detectors' findings on this text, when the caller has already read it (src/policy/read-mention.ts). */
export interface TextFindings {
  readonly concerns: readonly ConcernFound[];
  readonly houseRules: readonly HouseRuleSuggestion[];
}

export function suggestClassification(policy: Policy, text: string, parentText?: string, found?: TextFindings): ClassificationSuggestion {
  const concerns = found?.concerns ?? findConcerns(policy, text);
  // Safeguarding follows the person: a child at risk is children's services whatever road they were on.
  const concern = concerns.find((c) => c.service && policy.services.some((s) => s.tag === c.service));
  const own = suggestService(policy, text);
  // A comment that names no service is about the council post it answers ("going tomorrow" under a library post).
  const fromParent = !own && !concern && parentText ? suggestService(policy, parentText) : null;
  const service = own ?? fromParent;
  const serviceTag = concern?.service ?? service?.tag ?? null;
  const serviceReason = concern
    ? `service ${policy.services.find((s) => s.tag === concern.service)?.name}: a possible ${concern.name.toLowerCase()}`
    : service
      ? `service ${service.name}: ${fromParent ? 'the post it answers ' : ''}mentions ${service.found.map((f) => `"${f}"`).join(', ')}`
      : 'service: no service keywords found';
  const kind = suggestKind(policy, text, { concerns, houseRules: found?.houseRules ?? suggestHouseRules(policy, text, parentText) });
  const serviceFrom = concern ? { concern: true as const } : service ? { keywords: service.score } : null;
  return { serviceTag, kind: kind.kind, confidence: kind.confidence, reasons: [serviceReason, kind.reason], matched: kind.matched, serviceFrom };
}
