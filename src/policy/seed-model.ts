// Owns the shipped seed model: read once from src/policy/seed-model.json (made by scripts/train-seed-model.ts).
import { readFileSync } from 'node:fs';
import { readerModelSchema, type ReaderModel } from './reader-model.js';

export const SEED_MODEL_URL = new URL('./seed-model.json', import.meta.url);

let loaded: ReaderModel | undefined;

/** The seed model trained from the labelled corpus; a damaged file throws naming the field, once, at first use. */
export function seedModel(): ReaderModel {
  if (!loaded) {
    const parsed = readerModelSchema.safeParse(JSON.parse(readFileSync(SEED_MODEL_URL, 'utf8')));
    if (!parsed.success) throw new Error(`seed-model.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    loaded = parsed.data;
  }
  return loaded;
}
