// Owns connecting to a real PostgreSQL server from a DATABASE_URL.
import { createDb, type Db } from './db.js';

export interface OpenPostgresOptions {
  /** Pool size; PostgreSQL serves clients in parallel, so a handful per process is plenty. */
  readonly max?: number;
  readonly applicationName?: string;
  /**
   * How long the desk waits on one query before giving up on it and on its connection. A server that stops
   * answering (a network black hole, a frozen VM) otherwise holds every request on an open connection for as
   * long as TCP takes to notice: minutes. Default 10 s.
   */
  readonly queryTimeoutMs?: number;
  /** How long to wait for a new connection; default 3 s. */
  readonly connectTimeoutMs?: number;
}

/** Lazy: nothing connects until the first query, so a down database shows in /readyz, not a crash. */
export function openPostgres(url: string, options: OpenPostgresOptions = {}): Db {
  const queryTimeoutMs = options.queryTimeoutMs ?? 10_000;
  return createDb(
    {
      connectionString: url, max: options.max ?? 10, application_name: options.applicationName ?? 'mention-desk',
      connectionTimeoutMillis: options.connectTimeoutMs ?? 3_000,
      // Client side: the query fails (and its connection is dropped) when the server says nothing at all.
      query_timeout: queryTimeoutMs,
      // Server side: a statement stuck on a lock or a runaway plan is cancelled a little before the client gives up.
      statement_timeout: Math.max(1, queryTimeoutMs - 500),
      idle_in_transaction_session_timeout: queryTimeoutMs * 3,
      // Notice a dead peer on an idle connection instead of handing it to the next request.
      keepAlive: true,
      keepAliveInitialDelayMillis: 10_000,
    },
    { kind: 'postgres', description: describePostgresUrl(url) },
  );
}

/**
 * Runs `work` (migrations) on a handle without the request timeouts: building an index on a big table, or waiting
 * for another replica's migration, may rightly take minutes.
 */
export async function withoutTimeouts<T>(db: Db, work: (db: Db) => Promise<T>): Promise<T> {
  const maintenance = db.openMaintenanceHandle();
  try {
    return await work(maintenance);
  } finally {
    await maintenance.close();
  }
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
