// Owns the choice of store: real PostgreSQL when a URL is given, else PGlite in the data folder.
import type { Db } from './db.js';
import { openPostgres } from './open-postgres.js';

export interface DatabaseOptions {
  readonly databaseUrl?: string | undefined;
  /** Where PGlite keeps its files when there is no databaseUrl ('memory://' for throwaway). */
  readonly dataDir: string;
}

export async function openDatabase(options: DatabaseOptions): Promise<Db> {
  if (options.databaseUrl) return openPostgres(options.databaseUrl);
  // Loaded only when used: the embedded engine is a sizeable module a desk on a PostgreSQL server never needs.
  const { openPglite } = await import('./open-pglite.js');
  return openPglite(options.dataDir);
}
