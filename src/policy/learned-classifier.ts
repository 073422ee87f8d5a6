// Owns the per-council learned suggestion: a naive Bayes text classifier trained on the council's own recorded decisions.
import createClassifier from 'wink-naive-bayes-text-classifier';
import nlp from 'wink-nlp-utils';
import { probabilityOf } from './log-odds.js';
import { stemmable } from './stemmable.js';

export interface LearnedExample {
  readonly text: string;
  readonly label: string;
}

export interface LearnedGuess {
  readonly label: string;
  /** 0–1: how likely the winning label is against the rest together, as the classifier reckons it. */
  readonly confidence: number;
  /** The resident's words that weighed most for it ("bins", "collected"). */
  readonly words: readonly string[];
}

export interface LearnedClassifier {
  /** How many recorded decisions it learned from. */
  readonly examples: number;
  readonly labels: readonly string[];
  guess(text: string): LearnedGuess | null;
}

/** Lower-case words, common words dropped, each reduced to its stem: "collections" and "collected" meet. */
export function prepareWords(text: string): string[] {
  const words = nlp.string.tokenize0(text.toLowerCase()).filter((w) => /\p{L}/u.test(w) && w.length > 1);
  return nlp.tokens.removeWords(words).map((w) => (stemmable(w) ? nlp.string.stem(w) : w));
}

/**
 * Trained from scratch on every call (a council's decisions number thousands, not millions: this takes
 * milliseconds). Null until there are two labels and a vocabulary worth learning from.
 */
export function trainClassifier(examples: readonly LearnedExample[]): LearnedClassifier | null {
  if (new Set(examples.map((e) => e.label)).size < 2) return null;
  const nb = createClassifier();
  nb.definePrepTasks([prepareWords]);
  nb.defineConfig({ considerOnlyPresence: true, smoothingFactor: 0.5 });
  for (const e of examples) nb.learn(e.text, e.label);
  try {
    nb.consolidate();
  } catch {
    return null; // too small a vocabulary yet: the rules carry on alone
  }
  const counts = (JSON.parse(nb.exportJSON()) as [unknown, unknown, Record<string, Record<string, number>>])[2];
  const labels = Object.keys(counts);
  return {
    examples: examples.length,
    labels,
    guess(text) {
      const [best] = nb.computeOdds(text);
      if (!best || best[0] === 'unknown' || !(best[1] > 0)) return null;
      const [label, logOdds] = best;
      return { label, confidence: probabilityOf(logOdds), words: weightiest(text, label, counts) };
    },
  };
}


/** The text's words seen most often under `label` and least under the others, as written: the "why" shown on the card. */
function weightiest(text: string, label: string, counts: Record<string, Record<string, number>>): string[] {
  const written = new Map<string, string>();
  for (const w of nlp.string.tokenize0(text)) {
    const stem = prepareWords(w)[0];
    if (stem && !written.has(stem)) written.set(stem, w);
  }
  const words = [...written.keys()];
  const score = (w: string) => {
    const mine = counts[label]?.[w] ?? 0;
    const others = Object.entries(counts).reduce((n, [l, c]) => (l === label ? n : n + (c[w] ?? 0)), 0);
    return mine / (1 + others);
  };
  return words.filter((w) => (counts[label]?.[w] ?? 0) > 0).sort((a, b) => score(b) - score(a)).slice(0, 3).map((w) => written.get(w) ?? w);
}
