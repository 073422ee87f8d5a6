// Owns suggesting a mention's kind: the detectors first (threat, safeguarding, FOI, house rules), then the policy's cues.
import { findPatterns, findTerms } from './find-terms.js';
import type { KindSpec, Policy } from './policy-schema.js';
import type { ConcernFound } from './safeguarding.js';
import { analyseSentiment, isStronglyNegative } from './sentiment.js';
import type { HouseRuleSuggestion } from './suggest-house-rules.js';

export interface KindSuggestion {
  readonly kind: string | null;
  /** 0–1: how far the winning kind is ahead of the rest (a detector's finding counts as 0.95). */
  readonly confidence: number;
  readonly reason: string;
  /** The cues behind it, in the resident's words: for "matched: 'fed up', 'third week'". */
  readonly matched: readonly string[];
}

export interface KindEvidence {
  readonly concerns: readonly ConcernFound[];
  readonly houseRules: readonly HouseRuleSuggestion[];
}

const DETECTOR_CONFIDENCE = 0.95;
const QUESTION_MARK = 0.5;

/**
 * A threat is abuse; any other concern is safeguarding (it skips the queue); FOI next (it starts its own
 * 20-day clock); then the kind a suggested house-rule breach implies (spam, misinformation, abuse); then
 * the kind with most cues from the policy (`kinds[].terms`/`patterns`), a tie going to the kind listed
 * first. A question mark is half a question cue; strongly negative wording is a complaint cue.
 */
export function suggestKind(policy: Policy, text: string, evidence: KindEvidence): KindSuggestion {
  const has = (id: string) => policy.kinds.some((k) => k.id === id);
  const detector = (kind: string, why: string, matched: readonly string[]): KindSuggestion => ({ kind, confidence: DETECTOR_CONFIDENCE, reason: `${label(kind)}: ${why}`, matched });
  const threat = evidence.concerns.find((c) => c.id === 'threat');
  if (threat && has('abuse')) return detector('abuse', 'reads as a threat', threat.matched);
  const concerns = evidence.concerns.filter((c) => c.id !== 'threat');
  if (concerns.length && has('safeguarding')) return detector('safeguarding', concerns.map((c) => c.name.toLowerCase()).join('; '), concerns.flatMap((c) => c.matched));
  if (evidence.concerns.length && has('safeguarding')) return detector('safeguarding', 'reads as a threat', evidence.concerns.flatMap((c) => c.matched));
  const foi = policy.kinds.find((k) => k.id === 'foi_request');
  const foiCues = foi ? cues(foi, text) : [];
  if (foiCues.length) return detector('foi_request', 'asks under FOI', foiCues);
  for (const rule of evidence.houseRules) {
    const kind = policy.houseRules.find((r) => r.id === rule.ruleId)?.kind;
    if (kind && has(kind)) return detector(kind, `may break the house rule "${rule.title}"`, rule.matched);
  }
  return byCues(policy, text);
}

function byCues(policy: Policy, text: string): KindSuggestion {
  const mood = analyseSentiment(text);
  const scored = policy.kinds
    .filter((k) => k.id !== 'foi_request')
    .map((k) => {
      const matched = cues(k, text);
      let score = matched.length;
      if (k.id === 'question' && text.includes('?')) {
        score += QUESTION_MARK;
        matched.push('?');
      }
      if (k.id === 'complaint' && isStronglyNegative(mood)) {
        score += 1;
        matched.push(...mood.negative.slice(0, 3));
      }
      return { kind: k.id, score, matched };
    })
    .filter((s) => s.score > 0);
  const best = scored.reduce<(typeof scored)[number] | null>((a, b) => (a === null || b.score > a.score ? b : a), null);
  if (best === null) {
    const fallback = policy.kinds.some((k) => k.id === 'comment') ? 'comment' : null;
    return { kind: fallback, confidence: 0.5, reason: fallback ? 'comment: no question, request, complaint or thanks found' : 'no kind found', matched: [] };
  }
  const total = scored.reduce((n, s) => n + s.score, 0);
  const confidence = Math.min(0.9, (best.score / total) * (best.score / (best.score + 0.5)));
  return { kind: best.kind, confidence, reason: `${label(best.kind)}: ${best.matched.map((m) => `"${m}"`).join(', ')}`, matched: best.matched };
}

function cues(kind: KindSpec, text: string): string[] {
  const all = [...findTerms(text, kind.terms), ...findPatterns(text, kind.patterns)];
  return all.filter((m, i) => all.findIndex((x) => x.toLowerCase() === m.toLowerCase()) === i);
}

function label(kind: string): string {
  return kind.replace(/_/g, ' ');
}
