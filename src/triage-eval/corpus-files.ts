// Owns where the labelled corpus lives on disk: its parts, and the lexicons as they were before a blind part was read.
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCorpus, type CorpusItem } from './triage-corpus.js';

export const CORPUS_DIR = new URL('../../test/fixtures/triage-corpus/', import.meta.url);

export function loadCorpusPart(part: string): CorpusItem[] {
  return parseCorpus(readFileSync(new URL(`${part}.jsonl`, CORPUS_DIR), 'utf8'), `${part}.jsonl`);
}

/** Every part's name (a file's name without .jsonl). */
export function corpusPartNames(): string[] {
  return readdirSync(CORPUS_DIR).filter((f) => f.endsWith('.jsonl')).map((f) => f.replace(/\.jsonl$/, '')).sort();
}

/**
 * The policy file as it was before anyone read `part` (copied from the commit measured on it first, see the corpus
 * README), or null when there is none: the tuning part's lexicons were written from it.
 */
export function policyBeforeReading(part: string): string | null {
  const url = new URL(`policies/before-${part}.yml`, CORPUS_DIR);
  try {
    readFileSync(url);
    return fileURLToPath(url);
  } catch {
    return null;
  }
}
