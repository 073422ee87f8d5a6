// npm run seed:train — trains the reader's seed model from the corpus parts the desk may read and writes src/policy/seed-model.json.
import { writeFileSync } from 'node:fs';
import { loadPolicy } from '../config/load-policy.js';
import { loadCorpusPart } from '../triage-eval/corpus-files.js';
import { SEED_PARTS, seedModelJson, trainFromCorpus } from '../triage-eval/seed-training.js';

/** Beside the source, where src/policy/seed-model.ts imports it. */
const SEED_MODEL_URL = new URL('../policy/seed-model.json', import.meta.url);

// The default policy's concepts: a council that edits its own keeps the seed's weights, which are per concept name.
const model = trainFromCorpus(SEED_PARTS.map((p) => [p, loadCorpusPart(p)] as const), (await loadPolicy(null)).reader.concepts);
writeFileSync(SEED_MODEL_URL, seedModelJson(model));
console.log(`seed model: ${model.trainedOn.mentions} mentions from ${model.trainedOn.parts.join(', ')} → ${SEED_MODEL_URL.pathname}`);
