// Owns where a text's features fall in a model's buckets: what textFeatures' strings hash to (train-text-model.ts), worked
// out for scoring without making a string for every feature. Training keeps the strings; scoring, for every
// mention, only needs how many features there are and the buckets they fall in, in the order first met.
// Only the stemmer: wink-nlp-utils as a whole costs tens of MiB at start, and every desk reads mentions.
import stem from 'wink-porter2-stemmer';
import { hasAnyTerm } from './find-terms.js';
import { stemmable } from './stemmable.js';

/** Named lists of words for one idea each (a person who may be vulnerable, a sign of harm…): policy `reader.concepts`. */
export type Concepts = Readonly<Record<string, readonly string[]>>;

/**
 * A text's words as the models read them: lower case, apostrophes dropped ("dont" and "don't" meet), a number as "0";
 * with `emoji`, each emoji a word of its own (`shape`, below).
 */
export function modelWords(text: string, emoji = false): string[] {
  return (text.toLowerCase().replace(/['’]/g, '').match(emoji ? WORD_OR_EMOJI : WORD) ?? []).map((w) => (/^\d+$/.test(w) ? '0' : w));
}
const WORD = /[\p{L}\p{N}]+/gu;
const WORD_OR_EMOJI = /[\p{L}\p{N}]+|\p{Extended_Pictographic}/gu;

/** The letters three to five at a time inside a word, padded with a space each side (" bin", "bins "). */
export function letterGrams(word: string): string[] {
  const padded = ` ${word} `;
  const out: string[] = [];
  for (let n = 3; n <= 5; n++) for (let i = 0; i + n <= padded.length; i++) out.push(padded.slice(i, i + n));
  return out;
}

/** The concepts the text holds, each alone and each pair ("k:"), then its question and exclamation marks ("p:"). */
export function conceptAndMarkFeatures(text: string, concepts: Concepts): string[] {
  const out: string[] = [];
  const found = Object.keys(concepts).filter((c) => hasAnyTerm(text, concepts[c]!, { forms: true })).sort();
  found.forEach((c, i) => {
    out.push(`k:${c}`);
    for (const d of found.slice(i + 1)) out.push(`k:${c}+${d}`);
  });
  if (text.includes('?')) out.push('p:?');
  if (text.includes('!')) out.push('p:!');
  return out;
}

/**
 * A model that reads a text's shape (`TextModelData.shape`) reads two things more than the words. Its emoji, each a word: an eye-roll, a crying-laughing face or a clap says the kind as a word
 * would ("🙄" a complaint, "😂" banter, "👏" thanks), and one line in six carries one. And how the text opens and
 * ends, past the @handles and links that open a reply: its first stem and first pair of stems ("o:when", "o:is the")
 * and a question mark that closes it ("e:?"): a question is asked at the start or the end ("is the tip open…",
 * "…on Thursday?"), a complaint's question mark is more often mid-rant ("p:?" says only that one is somewhere).
 * Measured on unseen text (sixteen folds, corpus README, session 12): kind +0.6, risk +0.5 points for the kind,
 * service and risk models; read by the safeguarding and threat models too, their recall fell (a concern and two
 * threats), so those keep the words. On for the kind model alone (READER_TRAINING says why).
 */
export function openingFeatures(text: string): string[] {
  const words = modelWords(text.replace(LEADING_HANDLES, '').replace(/https?:\/\/\S+/gu, ' '), true).map(stemOf);
  const out: string[] = [];
  if (words.length) out.push(`o:${words[0]}`);
  if (words.length > 1) out.push(`o:${words[0]} ${words[1]}`);
  if (/\?(?:[\s\p{Extended_Pictographic}]|\uFE0F)*$/u.test(text.replace(TRAILING_HANDLES, ''))) out.push('e:?');
  return out;
}
const LEADING_HANDLES = /^(?:\s*@\w+)+/u;
const TRAILING_HANDLES = /(?:\s*@\w+)+\s*$/u;

/** Residents use the same few thousand words: what is worked out a word is kept, forgotten wholesale past this bound. */
export const WORDS_KEPT = 20_000;

/** A word's stem: the stemmer is a dozen regular expressions a word. */
const stems = new Map<string, string>();
export function stemOf(word: string): string {
  let s = stems.get(word);
  if (s === undefined) {
    if (stems.size >= WORDS_KEPT) stems.clear();
    stems.set(word, (s = stemmable(word) ? stem(word) : word));
  }
  return s;
}

/** FNV-1a over a string's UTF-16 code units, carried on from `h`: a feature's hash. */
const FNV_START = 0x811c9dc5;
function fnv(h: number, s: string): number {
  for (let i = 0; i < s.length; i++) h = Math.imul(h ^ s.charCodeAt(i), 0x01000193);
  return h;
}

/** A feature's hash (FNV-1a): the bucket it falls in is the hash, unsigned, modulo the buckets. */
export function featureHash(feature: string): number {
  return fnv(FNV_START, feature);
}

/** Each distinct bucket the features fall in (FNV-1a), in the order first met: a feature never seen in training lands on a learned bucket harmlessly. */
export function bucketsOf(features: readonly string[], buckets: number): Int32Array {
  const hashes = new Array<number>(features.length);
  for (let i = 0; i < features.length; i++) hashes[i] = featureHash(features[i]!);
  return distinctBuckets(hashes, buckets);
}

/**
 * The distinct buckets of a run of hashes, in the order first met. A table of buckets already met, left all clear
 * after each call, rather than a Set a text (a mention has hundreds of features).
 */
export function distinctBuckets(hashes: readonly number[], buckets: number): Int32Array {
  if (met.length < buckets) met = new Uint8Array(buckets);
  const ids = new Int32Array(hashes.length);
  let n = 0;
  for (const h of hashes) {
    const id = (h >>> 0) % buckets;
    if (met[id] === 0) {
      met[id] = 1;
      ids[n++] = id;
    }
  }
  for (let i = 0; i < n; i++) met[ids[i]!] = 0;
  return ids.slice(0, n);
}
let met = new Uint8Array(0);

/**
 * A text's features as hashes: `count`, how many distinct features textFeatures gives (the text's scale), and
 * `hashes`, each feature's hash in textFeatures' order. A feature met again may be left out of `hashes`: its bucket
 * was met at its first place, so the buckets in the order first met are the same.
 */
export interface FeatureHashes {
  readonly count: number;
  readonly hashes: readonly number[];
}

/**
 * textFeatures' features as hashes (train-text-model.ts holds the strings' definition: the two are kept in step by a
 * test). `shape`: emoji as words and, unless `openings` is false (a word weighed alone), openingFeatures'.
 */
export function featureHashes(text: string, concepts: Concepts, shape = false, openings = shape): FeatureHashes {
  // Forgotten wholesale between texts, never within one: a text's ids must stay its own while it is read.
  if (vocabulary.words.size >= WORDS_KEPT) vocabulary = newVocabulary();
  const v = vocabulary;
  const words = modelWords(text, shape).map((w) => wordEntry(v, w));
  const marks = v.marks;
  marks.nextText();
  const hashes: number[] = [];
  let count = 0;
  // Each stem ("w:") and each pair of stems side by side ("b:"): stems hold no space, so a pair's string is its two stems.
  const pairs = new Set<number>();
  for (let i = 0; i < words.length; i++) {
    const s = words[i]!.stem;
    hashes.push(s.wordHash);
    if (marks.first(s.id)) count++;
    if (i === 0) continue;
    const before = words[i - 1]!.stem;
    const pair = before.id * PAIR_SPAN + s.id;
    if (pairs.has(pair)) continue;
    pairs.add(pair);
    count++;
    hashes.push(fnv(before.pairStart, s.text));
  }
  // Each word's letters three to five at a time ("c:"); a word met before in this text has added its own already.
  for (const w of words) {
    if (!marks.first(w.id)) continue;
    for (let i = 0; i < w.grams.length; i++) {
      if (!marks.first(w.grams[i]!)) continue;
      count++;
      hashes.push(w.gramHashes[i]!);
    }
  }
  const rest = new Set(openings ? [...conceptAndMarkFeatures(text, concepts), ...openingFeatures(text)] : conceptAndMarkFeatures(text, concepts));
  for (const f of rest) hashes.push(fnv(FNV_START, f));
  return { count: count + rest.size, hashes };
}

/**
 * What is worked out once a word and kept: its stem's features, its letter grams and their hashes, each word, stem
 * and gram with a number of its own (one numbering), so a text tells which it has met by a table, not by strings.
 */
interface Vocabulary {
  readonly words: Map<string, WordEntry>;
  readonly stems: Map<string, StemEntry>;
  readonly grams: Map<string, number>;
  readonly marks: Marks;
  ids: number;
}

interface WordEntry {
  readonly id: number;
  readonly stem: StemEntry;
  /** The numbers of its letter grams, and the hashes of their "c:" features. */
  readonly grams: Int32Array;
  readonly gramHashes: Int32Array;
}

interface StemEntry {
  readonly id: number;
  readonly text: string;
  /** The hash of its "w:" feature. */
  readonly wordHash: number;
  /** The hash of "b:", the stem and a space: a pair's hash is carried on from here over the second stem. */
  readonly pairStart: number;
}

/** Pairs of numbers as one number: far above the numbers a vocabulary forgotten at WORDS_KEPT words reaches. */
const PAIR_SPAN = 2 ** 26;
const GRAM_START = fnv(FNV_START, 'c:');

/** Which numbers the text being read has met: a table of the text each was last met in, so nothing is cleared between texts. */
class Marks {
  private metIn = new Int32Array(4096);
  private text = 0;

  nextText(): void {
    if (++this.text === 0x7fffffff) {
      this.metIn.fill(0);
      this.text = 1;
    }
  }

  /** Whether `id` is met for the first time in this text (it is marked as met). */
  first(id: number): boolean {
    if (id >= this.metIn.length) {
      const grown = new Int32Array(Math.max(id + 1, this.metIn.length * 2));
      grown.set(this.metIn);
      this.metIn = grown;
    }
    if (this.metIn[id] === this.text) return false;
    this.metIn[id] = this.text;
    return true;
  }
}

function newVocabulary(): Vocabulary {
  return { words: new Map(), stems: new Map(), grams: new Map(), marks: new Marks(), ids: 0 };
}
let vocabulary = newVocabulary();

function wordEntry(v: Vocabulary, word: string): WordEntry {
  let w = v.words.get(word);
  if (w === undefined) {
    const grams = letterGrams(word);
    w = {
      id: v.ids++,
      stem: stemEntry(v, stemOf(word)),
      grams: Int32Array.from(grams, (g) => gramId(v, g)),
      gramHashes: Int32Array.from(grams, (g) => fnv(GRAM_START, g)),
    };
    v.words.set(word, w);
  }
  return w;
}

function stemEntry(v: Vocabulary, stemmed: string): StemEntry {
  let s = v.stems.get(stemmed);
  if (s === undefined) {
    s = { id: v.ids++, text: stemmed, wordHash: fnv(FNV_START, `w:${stemmed}`), pairStart: fnv(FNV_START, `b:${stemmed} `) };
    v.stems.set(stemmed, s);
  }
  return s;
}

function gramId(v: Vocabulary, gram: string): number {
  let id = v.grams.get(gram);
  if (id === undefined) v.grams.set(gram, (id = v.ids++));
  return id;
}
