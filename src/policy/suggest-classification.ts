// Owns suggesting a case's service tag and kind from its text: keywords per service, simple kind heuristics.
import { findTerms } from './find-terms.js';
import type { Policy } from './policy-schema.js';
import { detectSafeguarding } from './safeguarding.js';
import { analyseSentiment, isStronglyNegative } from './sentiment.js';

export interface ClassificationSuggestion {
  readonly serviceTag: string | null;
  readonly kind: string | null;
  /** Why, in words a comms officer can check at a glance. */
  readonly reasons: readonly string[];
}

interface KindSignal {
  readonly kind: string;
  /** A reason if the text shows this kind, else null. */
  readonly test: (text: string, policy: Policy) => string | null;
}

const phrases = (kind: string, list: readonly string[]): KindSignal => ({
  kind,
  test: (text) => {
    const found = findTerms(text, list);
    return found.length ? `${kind.replace('_', ' ')}: says ${found.map((f) => `"${f}"`).join(', ')}` : null;
  },
});

/**
 * Tried in this order; the first that fires wins. Safeguarding comes first because it skips the queue;
 * FOI next because it starts its own 20-day clock; a complaint beats a question ("why is it always
 * late? disgrace"); an explicit request beats a question; "report" alone is weaker than a question
 * ("how do I report a pothole?" is a question); thanks come last because they soften other kinds.
 */
const KIND_SIGNALS: readonly KindSignal[] = [
  {
    kind: 'safeguarding',
    test: (text, policy) => {
      const found = detectSafeguarding(policy, text);
      return found.length ? `safeguarding: says ${found.map((f) => `"${f}"`).join(', ')}` : null;
    },
  },
  phrases('foi_request', ['FOI', 'freedom of information']),
  {
    kind: 'complaint',
    test: (text) => {
      const found = findTerms(text, ['complain', 'complaint', 'complaining', 'complained', 'disgrace', 'disgraceful']);
      if (found.length) return `complaint: says ${found.map((f) => `"${f}"`).join(', ')}`;
      const mood = analyseSentiment(text);
      return isStronglyNegative(mood) ? `complaint: strongly negative wording (sentiment ${mood.score}: ${mood.negative.slice(0, 3).join(', ')})` : null;
    },
  },
  phrases('service_request', ['please can you', 'can you please', 'could you please', 'please could you', 'would you please']),
  {
    kind: 'question',
    test: (text) => {
      const found = findTerms(text, ['how do I', 'how can I', 'where can I', 'when will', 'when is', 'who do I', 'what time']);
      if (found.length) return `question: asks ${found.map((f) => `"${f}"`).join(', ')}`;
      return text.includes('?') ? 'question: has a question mark' : null;
    },
  },
  phrases('service_request', ['report', 'reporting', 'not been collected', 'missed collection']),
  phrases('compliment', ['thank you', 'thanks', 'great job', 'well done', 'brilliant service']),
];

export function suggestClassification(policy: Policy, text: string): ClassificationSuggestion {
  const reasons: string[] = [];
  const serviceTag = suggestService(policy, text, reasons);
  const kinds = new Set(policy.kinds.map((k) => k.id));
  let kind: string | null = null;
  for (const signal of KIND_SIGNALS) {
    if (!kinds.has(signal.kind)) continue;
    const why = signal.test(text, policy);
    if (why !== null) {
      kind = signal.kind;
      reasons.push(why);
      break;
    }
  }
  if (kind === null && kinds.has('comment')) {
    kind = 'comment';
    reasons.push('comment: no question, request, complaint or thanks found');
  }
  return { serviceTag, kind, reasons };
}

/** The service whose keywords match most (distinct keywords); a tie goes to the one listed first. */
function suggestService(policy: Policy, text: string, reasons: string[]): string | null {
  let best: { tag: string; name: string; found: string[] } | null = null;
  for (const service of policy.services) {
    const found = findTerms(text, service.keywords);
    if (found.length > (best?.found.length ?? 0)) best = { tag: service.tag, name: service.name, found };
  }
  if (best === null) {
    reasons.push('service: no service keywords found');
    return null;
  }
  reasons.push(`service ${best.name}: mentions ${best.found.map((f) => `"${f}"`).join(', ')}`);
  return best.tag;
}
