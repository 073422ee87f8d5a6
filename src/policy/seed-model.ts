// Owns the shipped seed model: src/policy/seed-model.json (made by npm run seed:train), checked once at first use.
import seedJson from './seed-model.json' with { type: 'json' };
import { readerModelSchema, type ReaderModel } from './reader-model.js';

let loaded: ReaderModel | undefined;

/** The seed model trained from the labelled corpus; a damaged file throws naming the field, at first use. */
export function seedModel(): ReaderModel {
  if (!loaded) {
    const parsed = readerModelSchema.safeParse(seedJson);
    if (!parsed.success) throw new Error(`seed-model.json: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
    loaded = parsed.data;
  }
  return loaded;
}
