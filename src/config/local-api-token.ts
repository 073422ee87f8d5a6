// For a first run on the embedded store: one read token with every scope, made once and kept in the data
// folder (0600) for `npm run case` on this machine. With a real DATABASE_URL tokens must be configured.
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { API_SCOPES, hashApiToken, newApiToken, type ApiToken } from './api-tokens.js';

export const LOCAL_TOKEN_FILE = 'api-token';

export interface LocalApiToken {
  readonly token: ApiToken;
  readonly file: string;
}

export async function resolveLocalApiToken(dataDir: string): Promise<LocalApiToken> {
  const file = join(dataDir, LOCAL_TOKEN_FILE);
  let secret = (await readFile(file, 'utf8').catch(() => '')).trim();
  if (!secret) {
    await mkdir(dataDir, { recursive: true });
    secret = newApiToken();
    await writeFile(file, `${secret}\n`, { mode: 0o600 });
  }
  return { token: { name: 'local', scopes: new Set(API_SCOPES), hash: hashApiToken(secret) }, file };
}

/** What a CLI on this machine reads with: DESK_API_TOKEN, else the local token file. */
export async function readLocalApiToken(dataDir: string, env: Record<string, string | undefined> = process.env): Promise<string> {
  return (env['DESK_API_TOKEN'] ?? (await readFile(join(dataDir, LOCAL_TOKEN_FILE), 'utf8').catch(() => ''))).trim();
}
