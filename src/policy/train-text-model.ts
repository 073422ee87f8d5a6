// Owns training the text classifier of text-model.ts: the features a labelled text is read by, and AdaGrad over
// them, one logistic regression per label, quantised as the model is saved.
import { conceptAndMarkFeatures, letterGrams, modelWords, openingFeatures, stemOf, type Concepts } from './feature-buckets.js';
import { sigmoid, type LabelWeights, type TextModelData } from './text-model.js';
import { FeatureTable, trainingRows, type TrainingRows } from './training-rows.js';

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
  /** The model reads the text's shape too: its emoji, how it opens and ends (openingFeatures). */
  readonly shape?: boolean;
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
export function textFeatures(text: string, concepts: Concepts = {}, shape = false): string[] {
  const words = modelWords(text, shape);
  const stems = words.map(stemOf);
  const out = new Set<string>();
  stems.forEach((s, i) => {
    out.add(`w:${s}`);
    if (i > 0) out.add(`b:${stems[i - 1]} ${s}`);
  });
  for (const w of words) for (const gram of letterGrams(w)) out.add(`c:${gram}`);
  for (const f of conceptAndMarkFeatures(text, concepts)) out.add(f);
  if (shape) for (const f of openingFeatures(text)) out.add(f);
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
  const shape = options.shape ?? false;
  const rows = trainingRows(examples.map((e) => e.text), featureTableFor(options.concepts ?? NO_CONCEPTS, shape), buckets, minCount);
  const out: Record<string, LabelWeights> = {};
  for (const label of labels) {
    const targets = Float64Array.from(examples, (e) => (e.labels.includes(label) ? 1 : 0));
    const { bias, w } = fitLabel(rows, targets, epochs, l2, buckets);
    out[label] = quantise(bias, w);
  }
  return shape ? { buckets, shape, labels: out } : { buckets, labels: out };
}

/**
 * Each concepts' texts read into features once, for every field, label and model trained while the concepts are
 * in use (a policy's concepts are read, never changed): once read by the words, once with the shape.
 */
const featureTables = new WeakMap<Concepts, Map<boolean, FeatureTable>>();
const NO_CONCEPTS: Concepts = {};
function featureTableFor(concepts: Concepts, shape: boolean): FeatureTable {
  let byShape = featureTables.get(concepts);
  if (byShape === undefined) featureTables.set(concepts, (byShape = new Map()));
  let table = byShape.get(shape);
  if (table === undefined) byShape.set(shape, (table = new FeatureTable((text) => textFeatures(text, concepts, shape))));
  return table;
}

/**
 * One label's logistic regression: AdaGrad over the rows in order, `epochs` times. Training is most of this loop,
 * so it is written flat over typed arrays; each sum and step is the arithmetic it always was, in the same order, so
 * the weights are the same to the last bit (the seed-model test compares the shipped file byte for byte).
 */
function fitLabel(rows: TrainingRows, targets: Float64Array, epochs: number, l2: number, buckets: number): { bias: number; w: Float64Array } {
  const { count, starts, ids, scales } = rows;
  const w = new Float64Array(buckets);
  const g2 = new Float64Array(buckets);
  let bias = 0;
  let biasG2 = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    for (let r = 0; r < count; r++) {
      const from = starts[r]!;
      const to = starts[r + 1]!;
      const scale = scales[r]!;
      let z = bias;
      for (let k = from; k < to; k++) z += w[ids[k]!]! * scale;
      const err = sigmoid(z) - targets[r]!;
      const errScaled = err * scale;
      for (let k = from; k < to; k++) {
        const id = ids[k]!;
        const g = errScaled + l2 * w[id]!;
        const sum = g2[id]! + g * g;
        g2[id] = sum;
        w[id]! -= (RATE * g) / Math.sqrt(sum + 1e-8);
      }
      biasG2 += err * err;
      bias -= (RATE * err) / Math.sqrt(biasG2 + 1e-8);
    }
  }
  return { bias, w };
}

function quantise(bias: number, w: Float64Array): LabelWeights {
  const max = w.reduce((m, v) => Math.max(m, Math.abs(v)), 0);
  const scale = max > 0 ? max / 127 : 1;
  const bytes = Int8Array.from(w, (v) => Math.round(v / scale));
  return { bias: Math.round(bias * 1e6) / 1e6, scale: Number(scale.toPrecision(8)), weights: Buffer.from(bytes.buffer).toString('base64') };
}
