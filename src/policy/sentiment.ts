// Owns the sentiment of a text: the AFINN-165 lexicon (the `sentiment` package) plus a few UK council words.
import Sentiment from 'sentiment';
// The package's own English module (AFINN-165 labels and its negation rule). It ships no types, and is
// imported as a module rather than as JSON because tsx (our runtime) cannot load that JSON as ESM.
// @ts-expect-error -- untyped CommonJS module inside the `sentiment` package
import englishModule from 'sentiment/languages/en/index.js';
import { RecentTexts } from './recent-texts.js';

export type SentimentLabel = 'negative' | 'neutral' | 'positive';

export interface SentimentResult {
  /** Sum of the word scores (AFINN: -5 … +5 a word, the sign flipped after "not", "don't"…). */
  readonly score: number;
  /** score divided by the number of words: comparable between short and long texts. */
  readonly comparative: number;
  readonly label: SentimentLabel;
  /** The words that scored, for explaining a label ("disgrace", "useless"). */
  readonly positive: readonly string[];
  readonly negative: readonly string[];
}

/** At or below: negative; at or above POSITIVE_FROM: positive. One mildly negative word ("sorry", -1) stays neutral. */
export const NEGATIVE_FROM = -2;
export const POSITIVE_FROM = 2;
/**
 * "Strongly negative" (raises reputational risk, suggests a complaint): a score of -5 or lower, e.g. two
 * strong words ("disgusting", "pathetic") or three ordinary ones. Measured on the score, not the
 * comparative, so a long angry post is not diluted by its length.
 */
export const STRONGLY_NEGATIVE_AT = -5;

/**
 * Additions and overrides for how residents write to a UK council. AFINN-165 lacks "shambles" and
 * scores "joke" +2 ("this council is a joke" is never praise); "waste" (-1 in AFINN) is a service name
 * here ("garden waste"), so it is neutral. "rubbish" is deliberately absent: it is what bins hold.
 */
export const COUNCIL_EXTRAS: Readonly<Record<string, number>> = {
  shambles: -3,
  shambolic: -3,
  disgraceful: -3,
  diabolical: -3,
  abysmal: -3,
  laughable: -2,
  nightmare: -2,
  gutted: -2,
  idiots: -3,
  morons: -3,
  clowns: -2,
  joke: -2,
  jokes: -2,
  waste: 0,
  thankyou: 2,
  brill: 3,
};

// Registered under its own language code: the package's `extras` option merges into (mutates) the
// shared English table, whereas a separate language leaves English untouched. Registration is a
// one-off, idempotent table entry inside the package, not I/O.
const LANGUAGE = 'en-council';
const english = englishModule as Required<Sentiment.LanguageModule>;
const analyser = new Sentiment();
// English's own scoring strategy: a negator just before a word flips its score ("not good" is -3).
analyser.registerLanguage(LANGUAGE, { labels: { ...english.labels, ...COUNCIL_EXTRAS }, scoringStrategy: english.scoringStrategy });

/** One reading weighs the same text's sentiment for its kind and its risk, and intake again for the case: worked out once. */
const recent = new RecentTexts<SentimentResult>();

export function analyseSentiment(text: string): SentimentResult {
  return recent.answer(text, analyse);
}

function analyse(text: string): SentimentResult {
  const r = analyser.analyze(text, { language: LANGUAGE });
  // -0 (a text with no words) reads badly in a reason; normalise it.
  const score = r.score === 0 ? 0 : r.score;
  const comparative = r.comparative === 0 || !Number.isFinite(r.comparative) ? 0 : r.comparative;
  const label: SentimentLabel = score <= NEGATIVE_FROM ? 'negative' : score >= POSITIVE_FROM ? 'positive' : 'neutral';
  return { score, comparative, label, positive: unique([...r.positive].reverse()), negative: unique([...r.negative].reverse()) };
}

export function isStronglyNegative(result: SentimentResult): boolean {
  return result.score <= STRONGLY_NEGATIVE_AT;
}

function unique(words: readonly string[]): string[] {
  return [...new Set(words)];
}
