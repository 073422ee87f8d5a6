// Owns a small linear text classifier (one-vs-rest logistic regression over word and character n-grams) as saved
// and read: its weights, and scoring a text with them. Training is train-text-model.ts.
import { distinctBuckets, featureHashes, WORDS_KEPT, type Concepts } from './feature-buckets.js';
import { RecentTexts } from './recent-texts.js';

export type { Concepts } from './feature-buckets.js';

/**
 * A label's weights as saved: one per feature bucket, quantised to a signed byte (weight = byte × scale) and
 * written as base64, so a model of a few dozen labels is a few hundred kilobytes.
 */
export interface LabelWeights {
  readonly bias: number;
  readonly scale: number;
  readonly weights: string;
}

/** What a model is, as saved to JSON. Features are hashed into `buckets` buckets (no vocabulary to ship). */
export interface TextModelData {
  readonly buckets: number;
  /** It reads the text's shape too (emoji, how it opens and ends: openingFeatures); unset, the words alone. */
  readonly shape?: boolean;
  readonly labels: Readonly<Record<string, LabelWeights>>;
}

export interface LabelScore {
  readonly label: string;
  /** 0–1: how likely the text carries this label, read alone. */
  readonly probability: number;
}

/** Every label's probability for a text, likeliest first. */
export function scoreText(model: TextModelData, text: string, concepts: Concepts = {}): LabelScore[] {
  const m = prepared(model);
  const z = readText(text, keptAs(concepts), model.shape ?? false).sums(m.table);
  // A plain loop and a named comparator: chained on `map`'s fresh array, `sort` deoptimised scoreText on every call.
  const scores: LabelScore[] = [];
  for (let l = 0; l < m.labels.length; l++) scores.push({ label: m.labels[l]!, probability: sigmoid(m.biases[l]! + z[m.column + l]!) });
  return scores.sort(likeliestFirst);
}

function likeliestFirst(a: LabelScore, b: LabelScore): number {
  return b.probability - a.probability || (a.label < b.label ? -1 : 1);
}

/**
 * Models that read the same texts (a reader model's fields but the concept one, which reads a text of its own):
 * the weights of those that read a text alike (the same buckets, the shape or not) laid out as one table, so a
 * text's buckets are read once for all of them rather than once a model (each bucket's row of every label is one
 * read of memory; a mention's rows, model by model, were most of the cost of scoring it). Each label's sum is added
 * up as before: the same figures. Idempotent.
 */
export function scoreTogether(models: readonly TextModelData[]): void {
  for (const alike of readAlike(models)) joinTables(alike);
}

/**
 * The models grouped by how they read a text. Until session 12 a reader model's fields were joined only if all read
 * alike, and the concern and threat models (8,192 buckets) never did with the others (16,384): nothing was joined.
 * Joined again (two tables), scoring the corpus's texts with the six models took 122–170 µs a text against 152–201
 * (two interleaved runs each, load 1–2); a mention's whole reading moved less than the machine's noise.
 */
function readAlike(models: readonly TextModelData[]): TextModelData[][] {
  const groups = new Map<string, TextModelData[]>();
  for (const model of models) {
    const key = `${model.buckets}${model.shape ? ' shape' : ''}`;
    const group = groups.get(key);
    if (group) group.push(model);
    else groups.set(key, [model]);
  }
  return [...groups.values()].filter((group) => group.length > 1);
}

function joinTables(models: readonly TextModelData[]): void {
  const table = prepared(models[0]!).table;
  if (models.every((m) => prepared(m).table === table)) return;
  const joined = weightTable(models);
  let column = 0;
  for (const model of models) {
    preparedModels.set(model, { ...labelsOf(model), table: joined, column });
    column += Object.keys(model.labels).length;
  }
}

/**
 * A model's labels, and where its weights are: every label's byte for one bucket side by side, so scoring a text
 * reads one short row per feature instead of one place in each label's own table (dozens of tables of 8,192
 * figures: reading them far apart was most of the model's cost). Bytes, not the figures they stand for: eight times
 * the size was slower, the rows a mention reads no longer staying in the processor's cache.
 */
interface PreparedModel {
  readonly labels: readonly string[];
  readonly biases: Float64Array;
  readonly table: WeightTable;
  /** The table's column of the model's first label. */
  readonly column: number;
}

/** One or more models' weights side by side: bucket b's byte for column c at b × width + c, times the column's scale. */
interface WeightTable {
  readonly buckets: number;
  readonly width: number;
  readonly weights: Int8Array;
  readonly scales: Float64Array;
  /** What each written word weighs for each column (weightiestWords), kept a word and concepts. */
  readonly wordSums: WeakMap<Concepts, Map<string, Float64Array>>;
}

const preparedModels = new WeakMap<TextModelData, PreparedModel>();
function prepared(model: TextModelData): PreparedModel {
  let m = preparedModels.get(model);
  if (!m) {
    m = { ...labelsOf(model), table: weightTable([model]), column: 0 };
    preparedModels.set(model, m);
  }
  return m;
}

function labelsOf(model: TextModelData): { labels: string[]; biases: Float64Array } {
  const entries = Object.entries(model.labels);
  return { labels: entries.map(([label]) => label), biases: Float64Array.from(entries, ([, lw]) => lw.bias) };
}

function weightTable(models: readonly TextModelData[]): WeightTable {
  const columns = models.flatMap((m) => Object.values(m.labels));
  const buckets = models[0]!.buckets;
  const width = columns.length;
  const weights = new Int8Array(buckets * width);
  columns.forEach((lw, c) => {
    const bytes = new Int8Array(Buffer.from(lw.weights, 'base64'));
    for (let b = 0; b < buckets; b++) weights[b * width + c] = bytes[b]!;
  });
  return { buckets, width, weights, scales: Float64Array.from(columns, (lw) => lw.scale), wordSums: new WeakMap() };
}

/** The written words whose features pushed most towards the label: the "matched: …" on the card. */
export function weightiestWords(model: TextModelData, label: string, text: string, given: Concepts = {}): string[] {
  const concepts = keptAs(given);
  const m = prepared(model);
  const l = m.labels.indexOf(label);
  if (l < 0) return [];
  const read = readText(text, concepts, model.shape ?? false);
  const sums = read.wordSums(m.table);
  return read.written
    .map((word, i) => ({ word, w: sums[i]![m.column + l]! }))
    .filter((x) => x.w > 0.2)
    .sort((a, b) => b.w - a.w)
    .slice(0, 3)
    .map((x) => x.word);
}

/** Each column's sum for a text's buckets, in their order (as one label at a time would add them), over its scale. */
function textSums(table: WeightTable, buckets: Int32Array, featureCount: number): Float64Array {
  const { width, weights, scales } = table;
  const scale = 1 / Math.sqrt(featureCount || 1);
  const z = new Float64Array(width);
  for (const id of buckets) {
    const row = id * width;
    for (let c = 0; c < width; c++) z[c]! += weights[row + c]! * scales[c]! * scale;
  }
  return z;
}

/**
 * What a written word weighs for each column: its buckets' weights summed in their order (as one label at a time
 * would add them), read as a text of its own. A mention's words are weighed for several labels and models, and
 * residents use the same words: kept (bounded as the words' buckets are).
 */
function wordSums(table: WeightTable, word: string, concepts: Concepts, shape: boolean): Float64Array {
  let words = table.wordSums.get(concepts);
  if (!words) table.wordSums.set(concepts, (words = new Map()));
  let sums = words.get(word);
  if (!sums) {
    if (words.size >= WORDS_KEPT) words.clear();
    const { width, weights, scales } = table;
    sums = new Float64Array(width);
    for (const id of wordBuckets(word, concepts, table.buckets, shape)) {
      const row = id * width;
      for (let c = 0; c < width; c++) sums[c]! += weights[row + c]! * scales[c]!;
    }
    words.set(word, sums);
  }
  return sums;
}

/**
 * What is kept for a text or a word is kept by its concepts. A caller may ask with a fresh `{}` each time (the
 * concept threat model did, until session 10), so no concepts are one object here: else nothing kept for it was
 * ever found again.
 */
const NO_CONCEPTS: Concepts = Object.freeze({});
function keptAs(concepts: Concepts): Concepts {
  for (const _ in concepts) return concepts;
  return NO_CONCEPTS;
}

/** A text as the models read it: its columns' sums and its words' weights by table, the words it quotes. */
interface ReadText {
  sums(table: WeightTable): Float64Array;
  /** Each written word's sums by column, in the order of `written`. */
  wordSums(table: WeightTable): readonly Float64Array[];
  /** Each written word once, in order: handles and links are who and where, not why. */
  readonly written: readonly string[];
}

/**
 * A mention is scored by six models, and each asks for its words' weights: its features are worked out once a mention,
 * not once a model; once by the words and once with the shape, each kept apart so the two never push the other out.
 */
const recentTexts = new RecentTexts<{ readonly concepts: Concepts; readonly read: ReadText }>();
const recentShapes = new RecentTexts<{ readonly concepts: Concepts; readonly read: ReadText }>();

function readText(text: string, concepts: Concepts, shape: boolean): ReadText {
  return (shape ? recentShapes : recentTexts).answer(text, () => ({ concepts, read: featuresRead(text, concepts, shape) }), (kept) => kept.concepts === concepts).read;
}

/** The words a card may quote: as written, apostrophes kept; for a model that reads the shape, emoji too. */
const WRITTEN = /[\p{L}\p{N}'’]+/gu;
const WRITTEN_OR_EMOJI = /[\p{L}\p{N}'’]+|\p{Extended_Pictographic}/gu;

function featuresRead(text: string, concepts: Concepts, shape: boolean): ReadText {
  const { count, hashes } = featureHashes(text, concepts, shape);
  const buckets = new Map<number, Int32Array>();
  const sums = new Map<WeightTable, Float64Array>();
  const words = new Map<WeightTable, Float64Array[]>();
  const bucketsOfText = (count: number): Int32Array => {
    let ids = buckets.get(count);
    if (!ids) buckets.set(count, (ids = distinctBuckets(hashes, count)));
    return ids;
  };
  const written = [...new Set(text.replace(/@\w+|https?:\/\/\S+/gu, ' ').match(shape ? WRITTEN_OR_EMOJI : WRITTEN) ?? [])];
  return {
    sums(table) {
      let z = sums.get(table);
      if (!z) sums.set(table, (z = textSums(table, bucketsOfText(table.buckets), count)));
      return z;
    },
    wordSums(table) {
      let w = words.get(table);
      if (!w) words.set(table, (w = written.map((word) => wordSums(table, word, concepts, shape))));
      return w;
    },
    written,
  };
}

/**
 * A written word's buckets, read as a text of its own (its features and its concepts). Residents use the same
 * few thousand words, and each word is weighed for several models a mention: kept per concepts and bucket count,
 * forgotten wholesale past a bound so an unusual stream of words cannot grow it without end.
 */
const wordBucketCache = new WeakMap<Concepts, Map<string, Map<string, Int32Array>>>();

function wordBuckets(word: string, concepts: Concepts, count: number, shape: boolean): Int32Array {
  let byCount = wordBucketCache.get(concepts);
  if (!byCount) wordBucketCache.set(concepts, (byCount = new Map()));
  const key = `${count}${shape ? ' shape' : ''}`;
  let words = byCount.get(key);
  if (!words) byCount.set(key, (words = new Map()));
  let ids = words.get(word);
  if (!ids) {
    if (words.size >= WORDS_KEPT) words.clear();
    // An emoji is a word to a model that reads the shape; a word alone does not open the mention ("o:"), so not read as one.
    ids = distinctBuckets(featureHashes(word, concepts, shape, false).hashes, count);
    words.set(word, ids);
  }
  return ids;
}

/** The logistic function: a label's sum as a probability. */
export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
