// Owns the rows training walks (train-text-model.ts): each example's feature buckets laid out flat in typed arrays,
// and each distinct text's features worked out once for every model, label and epoch that reads it. Training a reader
// model reads the same texts for five of its fields, and the leave-one-part-out models read the same parts again:
// making each text's feature strings anew every time was a quarter of training and most of its garbage.
import { distinctBuckets, featureHash } from './feature-buckets.js';

/** The examples as training reads them, one row each, in their given order. */
export interface TrainingRows {
  readonly count: number;
  /** Row r's buckets are ids[starts[r]] up to ids[starts[r + 1]]: distinct, in the order first met. */
  readonly starts: Int32Array;
  readonly ids: Int32Array;
  /** 1 / √(how many distinct features the row's text has, learned or not): a long post does not outweigh a short one. */
  readonly scales: Float64Array;
}

/**
 * Features as numbers (each distinct feature string one number, with its hash), and each text's distinct features
 * as those numbers, for one way of reading texts into features. What it holds grows with the texts read: keep one
 * only as long as those texts are being trained on.
 */
export class FeatureTable {
  private readonly numbers = new Map<string, number>();
  private readonly hashes: number[] = [];
  private readonly texts = new Map<string, Int32Array>();

  constructor(private readonly read: (text: string) => readonly string[]) {}

  /** The text's distinct features as numbers, in the order `read` gives them. */
  featuresOf(text: string): Int32Array {
    let features = this.texts.get(text);
    if (features === undefined) {
      features = Int32Array.from(this.read(text), (f) => this.numberOf(f));
      this.texts.set(text, features);
    }
    return features;
  }

  /** How many distinct features the table has numbered. */
  get size(): number {
    return this.hashes.length;
  }

  hashOf(feature: number): number {
    return this.hashes[feature]!;
  }

  private numberOf(feature: string): number {
    let n = this.numbers.get(feature);
    if (n === undefined) {
      this.numbers.set(feature, (n = this.hashes.length));
      this.hashes.push(featureHash(feature));
    }
    return n;
  }
}

/**
 * The texts' rows: each text's features met in at least `minCount` of the texts (a text repeated counts each time),
 * hashed into `buckets` buckets, distinct, in the order first met; the same buckets bucketsOf gives those features.
 */
export function trainingRows(texts: readonly string[], table: FeatureTable, buckets: number, minCount: number): TrainingRows {
  const featured = texts.map((t) => table.featuresOf(t));
  const seen = new Int32Array(table.size);
  for (const features of featured) for (const f of features) seen[f]!++;
  const kept = featured.map((features) => {
    const hashes: number[] = [];
    for (const f of features) if (seen[f]! >= minCount) hashes.push(table.hashOf(f));
    return distinctBuckets(hashes, buckets);
  });
  const starts = new Int32Array(texts.length + 1);
  kept.forEach((ids, r) => (starts[r + 1] = starts[r]! + ids.length));
  const ids = new Int32Array(starts[texts.length]!);
  kept.forEach((row, r) => ids.set(row, starts[r]!));
  const scales = Float64Array.from(featured, (features) => 1 / Math.sqrt(features.length || 1));
  return { count: texts.length, starts, ids, scales };
}
