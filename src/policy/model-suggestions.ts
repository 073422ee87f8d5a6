// Owns combining the lexicons' reading with the reader model's: the model adds what the lists miss, never removes a finding.
import type { RiskLevel } from '../domain/case.js';
import type { RiskAssessment } from './assess-risk.js';
import type { Policy } from './policy-schema.js';
import { labelsAbove, sharedOut, threatProbability, withWords, yesProbability, type ModelGuess, type ReaderModel } from './reader-model.js';
import type { Concepts, LabelScore, TextModelData } from './text-model.js';
import { withParentWords } from './parent-words.js';
import type { ConcernFound } from './safeguarding.js';
import type { ClassificationSuggestion } from './suggest-classification.js';
import type { HouseRuleSuggestion } from './suggest-house-rules.js';

/** A detector's confidence (src/policy/suggest-kind.ts): a kind the lexicons read from a concern, FOI or breach stands. */
const DETECTOR = 0.95;
const RISK_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high'];
const FOI = 'foi_request';

export const LEARNED_CONCERN = 'learned';

/** What the model added, split by how sure it is: every one is referred; only the sure ones make the kind and risk. */
export interface ModelConcerns {
  /** The lexicons' concerns and every one the model read: what is referred. */
  readonly referred: readonly ConcernFound[];
  /** The lexicons' concerns and those the model is sure of (policy `reader.safeguardingSureAt`): what the kind and risk follow. */
  readonly sure: readonly ConcernFound[];
}

/**
 * Safeguarding errs on the side of the person: where the lexicons found no concern (or no threat) and the model
 * reads one at the policy's low bar, it is added, saying it was read by the model and from which words.
 */
export function withModelConcerns(policy: Policy, model: ReaderModel, text: string, found: readonly ConcernFound[]): ModelConcerns {
  const bar = policy.reader;
  const referred = [...found];
  const sure = [...found];
  const add = (c: ConcernFound, p: number) => {
    referred.push(c);
    if (p >= bar.safeguardingSureAt) sure.push(c);
  };
  const s = referred.length ? null : yesProbability(model.safeguarding, text, bar.concepts);
  const concernRead = found.length > 0 || (s !== null && s.probability >= bar.safeguardingAt);
  let threatAtBar = false;
  if (!found.some((c) => c.id === 'threat')) {
    const t = threatProbability(model, text, bar.concepts);
    const threat = { id: 'threat', name: 'Threat of violence', matched: said(t, 'reads like a threat') };
    // A threat is a concern for someone's safety: when it reads as one, how sure the concern model is counts
    // too, so a veiled threat the concern model is sure of is read as abuse and high risk, not as a neglect case.
    if ((threatAtBar = t.probability >= bar.threatAt)) add(threat, Math.max(t.probability, s?.probability ?? 0));
    // In a mention referred anyway, a threat is read at a lower bar: the referral says so, at no cost of another
    // referral; it is never sure, so the kind and risk still follow the concern.
    else if (concernRead && t.probability >= bar.threatWhenReferredAt) referred.push(threat);
  }
  if (s && !threatAtBar && s.probability >= bar.safeguardingAt) add({ id: LEARNED_CONCERN, name: 'Safeguarding concern (read by the model)', matched: said(s, 'reads like a safeguarding concern') }, s.probability);
  return { referred, sure };
}

/**
 * House rules the model reads at the policy's bar (the rule's own, `houseRuleAtFor`, else `houseRuleAt`) that the
 * lexicons did not suggest (never a protective rule; an off-topic rule only for a comment on a post, what it is off
 * the topic of). Whether "unrelated" stands beside what else was found is decided once for both readings
 * (offTopicAlone, in readMention).
 */
export function withModelHouseRules(policy: Policy, model: ReaderModel, text: string, found: readonly HouseRuleSuggestion[], answersPost: boolean): HouseRuleSuggestion[] {
  const out = [...found];
  const { houseRuleAt, houseRuleAtFor } = policy.reader;
  const barOf = (id: string) => houseRuleAtFor[id] ?? houseRuleAt;
  for (const g of labelsAbove(model.houseRule, text, Math.min(houseRuleAt, ...Object.values(houseRuleAtFor)), policy.reader.concepts)) {
    if (g.probability < barOf(g.label)) continue;
    const rule = policy.houseRules.find((r) => r.id === g.label && !r.protective && (answersPost || !r.offTopic));
    if (!rule || out.some((r) => r.ruleId === rule.id)) continue;
    out.push({ ruleId: rule.id, title: rule.title, matched: said(g, 'read by the model'), source: `${rule.source}; read by the seed model (${pct(g.probability)})` });
  }
  return out;
}

/**
 * The kind and the service are voted on by both readings: the model's probabilities shared out over the labels, and
 * the lexicons' label raised by the policy's weight (`kindLexiconWeight`, `serviceLexiconWeight`); the likeliest
 * wins if the model gives it at least `kindAt` / `serviceAt`. On text nobody had read the model alone named the kind
 * and service better than the lexicons did in every case, a detector's kind and a concern's service included, and the
 * vote better than either (corpus README, session 11): where the model is unsure the lexicons' reading decides.
 * What the council's own decisions taught (`suggestWithLearning`) votes as the lexicons' reading. The service model
 * reads the parent post's words too (`withParentWords`).
 */
export function withModelClassification(policy: Policy, model: ReaderModel, text: string, c: ClassificationSuggestion, parent?: string): ClassificationSuggestion {
  const bar = policy.reader;
  let { serviceTag, kind, confidence, matched } = c;
  const reasons = [...c.reasons];
  // A kind the lexicons fell back to (no cue matched) is no reading at all: it gets no vote.
  const lexiconKind = c.matched.length || c.confidence >= DETECTOR ? kind : null;
  // An FOI request the lexicons found stands: it starts a statutory 20-working-day clock (001 "FoI requests"), and on
  // text nobody had read the model's overrides of it were as often wrong as right (two and two in 158; session 13).
  const k = kind === FOI && c.confidence >= DETECTOR ? null : voted(model.kind, text, bar.concepts, lexiconKind, bar.kindLexiconWeight, bar.kindAt, (label) => policy.kinds.some((x) => x.id === label));
  if (k && k.label !== kind) {
    const guess = withWords(model.kind, k, text, bar.concepts);
    kind = k.label;
    confidence = k.probability;
    matched = guess.words;
    reasons[1] = `${k.label.replace(/_/g, ' ')}: read by the seed model (${pct(k.probability)})${matchedWords(guess)}`;
  }
  const read = withParentWords(text, parent);
  const s = voted(model.service, read, bar.concepts, serviceTag, bar.serviceLexiconWeight, bar.serviceAt, (label) => policy.services.some((x) => x.tag === label));
  if (s && s.label !== serviceTag) {
    serviceTag = s.label;
    reasons[0] = `service ${policy.services.find((x) => x.tag === s.label)?.name}: read by the seed model (${pct(s.probability)})${matchedWords(withWords(model.service, s, read, bar.concepts))}`;
  }
  return { ...c, serviceTag, kind, confidence, matched, reasons };
}

/**
 * The model's likeliest label the policy knows, when it beats the lexicons' label with `weight` added to the model's
 * probability for it, and the model gives it at least `at`; null: the lexicons' reading stands.
 */
function voted(model: TextModelData, text: string, concepts: Concepts, lexicons: string | null, weight: number, at: number, known: (label: string) => boolean): LabelScore | null {
  const scores = sharedOut(model, text, concepts);
  const best = scores.find((s) => known(s.label));
  if (!best || best.label === lexicons || best.probability < at) return null;
  const theirs = lexicons === null ? 0 : (scores.find((s) => s.label === lexicons)?.probability ?? 0) + weight;
  return best.probability > theirs ? best : null;
}

/**
 * The risk is voted on as the kind is: the model's probabilities shared out over the levels, the lexicons' level raised
 * by `riskLexiconWeight`, the likeliest taken if the model gives it at least `riskAt`. It may rise to any level but
 * fall only from medium, and never below what the audience, a concern or a breach settled (`settled`): the model
 * reads the words, not the author, and a medium read from the tone alone ("reads as a complaint", strong negative
 * wording) is a reading like its own. On text nobody had read, lowering such mediums gained a point of risk (corpus
 * README, session 11).
 */
export function withModelRisk(policy: Policy, model: ReaderModel, text: string, risk: RiskAssessment): RiskAssessment {
  const bar = policy.reader;
  const floor = risk.level === 'high' ? 'high' : risk.settled;
  const r = voted(model.risk, text, bar.concepts, risk.level, bar.riskLexiconWeight, bar.riskAt, (label) => RISK_ORDER.indexOf(label as RiskLevel) >= RISK_ORDER.indexOf(floor));
  if (!r) return risk;
  const guess = withWords(model.risk, r, text, bar.concepts);
  return { ...risk, level: r.label as RiskLevel, reasons: [...risk.reasons, `read as ${r.label} risk by the seed model (${pct(r.probability)})${matchedWords(guess)}`] };
}

/** The model's words as the card quotes them, or what it read when no single word stood out. */
function said(g: ModelGuess, fallback: string): string[] {
  return g.words.length ? [...g.words] : [`${fallback} (${pct(g.probability)})`];
}

function matchedWords(g: ModelGuess): string {
  return g.words.length ? `, matched ${g.words.map((w) => `"${w}"`).join(', ')}` : '';
}

function pct(x: number): string {
  return `${Math.round(x * 100)}%`;
}
