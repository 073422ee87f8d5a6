// Owns training the text classifier of text-model.ts: the features a labelled text is read by, and AdaGrad over
// them, one logistic regression per label, quantised as the model is saved.
import { bucketsOf, conceptAndMarkFeatures, letterGrams, modelWords, stemOf, type Concepts } from './feature-buckets.js';
import { sigmoid, type LabelWeights, type TextModelData } from './text-model.js';

export interface LabelledText {
  readonly text: string;
  /** Every label the text carries (one for a kind, none or several for house rules). */
  readonly labels: readonly string[];
}

export interface TrainOptions {
  /** Concepts read as features beside the words (each, and each pair found together). */
  readonly concepts?: Concepts;
  readonly epochs?: number;
  /** L2 penalty per update. */
  readonly l2?: number;
  readonly buckets?: number;
  /** A feature must occur in this many texts to be learned: one-off words and typos only memorise their text. */
  readonly minCount?: number;
}

const DEFAULTS = { epochs: 15, l2: 1e-3, buckets: 8192, minCount: 2 } as const;
/** AdaGrad's step. */
const RATE = 0.5;

/**
 * The features a text is read by. Words are lower-cased with apostrophes dropped ("dont" and "don't" meet) and
 * reduced to their stem ("bruises", "bruised" → "bruis"); pairs of words keep short phrases ("on their own",
 * "no way out"); letters three to five at a time inside each word catch forms, typos and slang no list names;
 * concepts, each alone and each pair together ("a person who may be vulnerable" with "a sign of harm"), carry
 * what was learned from one wording to another the lists name. Scoring reads these same features as hashes
 * (featureHashes in feature-buckets.ts, without making the strings): a change here is made there too, and
 * test/unit/policy/feature-buckets.test.ts says whether the two agree.
 */
export function textFeatures(text: string, concepts: Concepts = {}): string[] {
  const words = modelWords(text);
  const stems = words.map(stemOf);
  const out = new Set<string>();
  stems.forEach((s, i) => {
    out.add(`w:${s}`);
    if (i > 0) out.add(`b:${stems[i - 1]} ${s}`);
  });
  for (const w of words) for (const gram of letterGrams(w)) out.add(`c:${gram}`);
  for (const f of conceptAndMarkFeatures(text, concepts)) out.add(f);
  return [...out];
}

/**
 * One logistic regression per label (one-vs-rest), trained by AdaGrad over the examples in their given order:
 * deterministic, so the shipped seed model is reproducible from its script. Each text's features are scaled
 * to unit length so a long post does not outweigh a short one. The model returned is the quantised one that
 * is saved, so what is measured is what ships.
 */
export function trainTextModel(examples: readonly LabelledText[], labels: readonly string[], options: TrainOptions = {}): TextModelData {
  const { epochs, l2, buckets, minCount } = { ...DEFAULTS, ...options };
  const featured = examples.map((e) => ({ features: textFeatures(e.text, options.concepts), labels: new Set(e.labels) }));
  const seen = new Map<string, number>();
  for (const e of featured) for (const f of e.features) seen.set(f, (seen.get(f) ?? 0) + 1);
  const rows = featured.map((e) => {
    const ids = bucketsOf(e.features.filter((f) => seen.get(f)! >= minCount), buckets);
    return { ids, scale: 1 / Math.sqrt(e.features.length || 1), labels: e.labels };
  });
  const out: Record<string, LabelWeights> = {};
  for (const label of labels) {
    const w = new Float64Array(buckets);
    const g2 = new Float64Array(buckets);
    let bias = 0;
    let biasG2 = 0;
    for (let epoch = 0; epoch < epochs; epoch++) {
      for (const row of rows) {
        let z = bias;
        for (const id of row.ids) z += w[id]! * row.scale;
        const err = sigmoid(z) - (row.labels.has(label) ? 1 : 0);
        for (const id of row.ids) {
          const g = err * row.scale + l2 * w[id]!;
          g2[id]! += g * g;
          w[id]! -= (RATE * g) / Math.sqrt(g2[id]! + 1e-8);
        }
        biasG2 += err * err;
        bias -= (RATE * err) / Math.sqrt(biasG2 + 1e-8);
      }
    }
    out[label] = quantise(bias, w);
  }
  return { buckets, labels: out };
}

function quantise(bias: number, w: Float64Array): LabelWeights {
  const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale = max > 0 ? max / 127 : 1;
  const bytes = Int8Array.from(w, (v) => Math.round(v / scale));
  return { bias: Math.round(bias * 1e6) / 1e6, scale: Number(scale.toPrecision(8)), weights: Buffer.from(bytes.buffer).toString('base64') };
}
