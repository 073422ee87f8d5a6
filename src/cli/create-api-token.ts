// Owns `npm run token -- NAME SCOPES`: a new read token, shown once, and the DESK_API_TOKENS entry (its hash).
import { API_SCOPES, apiTokensSchema, hashApiToken, newApiToken } from '../config/api-tokens.js';

function main(args: readonly string[]): number {
  const [name, scopes] = args;
  const usage = `usage: npm run token -- NAME SCOPES   (SCOPES: ${API_SCOPES.join(' or ')}, joined by +)`;
  if (!name || !scopes) {
    console.error(usage);
    return 2;
  }
  const token = newApiToken();
  const entry = `${name}:${scopes}:${hashApiToken(token)}`;
  const checked = apiTokensSchema.safeParse(entry);
  if (!checked.success) {
    console.error(`${checked.error.issues.map((i) => i.message).join('; ')}\n${usage}`);
    return 2;
  }
  console.log(`Token for ${name} (shown once; give it to the caller, keep it secret):\n  ${token}\n`);
  console.log(`Add this entry to DESK_API_TOKENS (comma-separated with any others); the desk keeps only the hash:\n  ${entry}`);
  return 0;
}

process.exitCode = main(process.argv.slice(2));
