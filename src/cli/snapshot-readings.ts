// npm run readings:snapshot — writes the fingerprint of how the default policy reads the corpus (test/fixtures/readings/),
// after a deliberate change to the policy, the seed model or the corpus. A code change alone must not need it.
import { writeFileSync } from 'node:fs';
import { loadPolicy } from '../config/load-policy.js';
import { READINGS_SNAPSHOT_URL, readingsSnapshot } from '../triage-eval/corpus-readings.js';

const text = readingsSnapshot(await loadPolicy(null));
writeFileSync(READINGS_SNAPSHOT_URL, text);
console.log(`${text.split('\n').filter((l) => l && !l.startsWith('#')).length} readings → ${READINGS_SNAPSHOT_URL.pathname}`);
