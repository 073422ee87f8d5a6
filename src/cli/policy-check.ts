// npm run policy:check FILE — validates a policy file and prints what it says, or each bad field.
import { parseArgs } from 'node:util';
import { loadPolicy, PolicyError } from '../config/load-policy.js';
import { summariseLexicons } from '../policy/summarise-lexicons.js';
import { summarisePolicy } from '../policy/summarise-policy.js';

const { positionals } = parseArgs({ allowPositionals: true });
const file = positionals[0] ?? null;

try {
  const policy = await loadPolicy(file);
  console.log(`${file ?? 'built-in default policy'}: valid\n`);
  console.log([...summarisePolicy(policy), ...summariseLexicons(policy)].join('\n'));
} catch (e) {
  if (!(e instanceof PolicyError)) throw e;
  console.error(e.message);
  process.exitCode = 1;
}
