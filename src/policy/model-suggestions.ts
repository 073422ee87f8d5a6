// Owns combining the lexicons' reading with the reader model's: the model adds what the lists miss, never removes a finding.
import type { RiskLevel } from '../domain/case.js';
import type { RiskAssessment } from './assess-risk.js';
import type { Policy } from './policy-schema.js';
import { bestLabel, labelsAbove, threatProbability, yesProbability, type ModelGuess, type ReaderModel } from './reader-model.js';
import { withParentWords } from './parent-words.js';
import type { ConcernFound } from './safeguarding.js';
import type { ClassificationSuggestion } from './suggest-classification.js';
import type { HouseRuleSuggestion } from './suggest-house-rules.js';

/** A detector's confidence (src/policy/suggest-kind.ts): a kind the lexicons read from a concern, FOI or breach stands. */
const DETECTOR = 0.95;
const RISK_ORDER: readonly RiskLevel[] = ['low', 'medium', 'high'];

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
 * House rules the model reads at the policy's bar that the lexicons did not suggest (never a protective rule; an
 * off-topic rule only for a comment on a post, what it is off the topic of). Whether "unrelated" stands beside
 * what else was found is decided once for both readings (offTopicAlone, in readMention).
 */
export function withModelHouseRules(policy: Policy, model: ReaderModel, text: string, found: readonly HouseRuleSuggestion[], answersPost: boolean): HouseRuleSuggestion[] {
  const out = [...found];
  for (const g of labelsAbove(model.houseRule, text, policy.reader.houseRuleAt, policy.reader.concepts)) {
    const rule = policy.houseRules.find((r) => r.id === g.label && !r.protective && (answersPost || !r.offTopic));
    if (!rule || out.some((r) => r.ruleId === rule.id)) continue;
    out.push({ ruleId: rule.id, title: rule.title, matched: said(g, 'read by the model'), source: `${rule.source}; read by the seed model (${pct(g.probability)})` });
  }
  return out;
}

/**
 * The kind, where the lexicons only had cues (not a detector's finding), becomes the model's when it is surer;
 * the service becomes the model's where no keyword named one, or a single keyword did and the model disagrees
 * with more confidence, or the model is sure (`serviceOverAt`) however many keywords matched: on text nobody had
 * read, the keyword lists name the service worse than the model (corpus README, session 10). The service model
 * reads the parent post's words too (`withParentWords`). A service from a safeguarding concern stands.
 */
export function withModelClassification(policy: Policy, model: ReaderModel, text: string, c: ClassificationSuggestion, parent?: string): ClassificationSuggestion {
  const bar = policy.reader;
  let { serviceTag, kind, confidence, matched } = c;
  const reasons = [...c.reasons];
  const k = c.confidence >= DETECTOR ? null : bestLabel(model.kind, text, bar.concepts);
  // A kind the lexicons fell back to (no cue matched) is no reading at all: the model's, at its bar, is better.
  const lexiconSure = c.matched.length ? c.confidence : 0;
  if (k && k.label !== kind && k.probability >= bar.kindAt && k.probability > lexiconSure && policy.kinds.some((x) => x.id === k.label)) {
    kind = k.label;
    confidence = k.probability;
    matched = k.words;
    reasons[1] = `${k.label.replace(/_/g, ' ')}: read by the seed model (${pct(k.probability)})${matchedWords(k)}`;
  }
  const from = c.serviceFrom;
  const s = from && 'concern' in from ? null : bestLabel(model.service, withParentWords(text, parent), bar.concepts);
  const open = from === null || ('keywords' in from && (from.keywords <= 1 || (s !== null && s.probability >= bar.serviceOverAt)));
  if (s && open && s.label !== serviceTag && s.probability >= bar.serviceAt && policy.services.some((x) => x.tag === s.label)) {
    serviceTag = s.label;
    reasons[0] = `service ${policy.services.find((x) => x.tag === s.label)?.name}: read by the seed model (${pct(s.probability)})${matchedWords(s)}`;
  }
  return { ...c, serviceTag, kind, confidence, matched, reasons };
}

/** The risk rises (never falls) to the model's reading when it is sure enough. */
export function withModelRisk(policy: Policy, model: ReaderModel, text: string, risk: RiskAssessment): RiskAssessment {
  const r = bestLabel(model.risk, text, policy.reader.concepts);
  const to = RISK_ORDER.indexOf(r?.label as RiskLevel);
  if (!r || to <= RISK_ORDER.indexOf(risk.level) || r.probability < policy.reader.riskAt) return risk;
  return { ...risk, level: RISK_ORDER[to]!, reasons: [...risk.reasons, `read as ${r.label} risk by the seed model (${pct(r.probability)})${matchedWords(r)}`] };
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
