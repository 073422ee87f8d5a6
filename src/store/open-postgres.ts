// Owns connecting to a real PostgreSQL server from a DATABASE_URL.
import { createDb, type Db } from './db.js';

export interface OpenPostgresOptions {
  /** Pool size; PostgreSQL serves clients in parallel, so a handful per process is plenty. */
  readonly max?: number;
  readonly applicationName?: string;
}

/** Lazy: nothing connects until the first query, so a down database shows in /readyz, not a crash. */
export function openPostgres(url: string, options: OpenPostgresOptions = {}): Db {
  return createDb(
    { connectionString: url, max: options.max ?? 10, application_name: options.applicationName ?? 'mention-desk' },
    { kind: 'postgres', description: describePostgresUrl(url) },
  );
}

/** "PostgreSQL at host:port/db", never the password. */
export function describePostgresUrl(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname || u.searchParams.get('host') || 'localhost';
    return `PostgreSQL at ${host}:${u.port || '5432'}${u.pathname || '/'}`;
  } catch {
    return 'PostgreSQL (unparseable DATABASE_URL)';
  }
}
