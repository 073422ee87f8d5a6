// Owns reading the store's environment for the CLIs until src/config.ts takes over.
import type { DatabaseOptions } from './open-database.js';

export const DEFAULT_DATA_DIR = './.data';

export function databaseOptionsFromEnv(env: NodeJS.ProcessEnv = process.env): DatabaseOptions {
  const databaseUrl = env.DATABASE_URL?.trim() || undefined;
  return { databaseUrl, dataDir: env.DESK_DATA_DIR?.trim() || DEFAULT_DATA_DIR };
}
