// Owns the choice of store: real PostgreSQL when a URL is given, else PGlite in the data folder.
import type { Db } from './db.js';
import { openPglite } from './open-pglite.js';
import { openPostgres } from './open-postgres.js';

export interface DatabaseOptions {
  readonly databaseUrl?: string | undefined;
  /** Where PGlite keeps its files when there is no databaseUrl ('memory://' for throwaway). */
  readonly dataDir: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  return openPglite(options.dataDir);
}
