// A throwaway database on the real PostgreSQL server for one benchmark run.
import { join } from 'node:path';
import pg from 'pg';
import { openPostgres } from '../src/store/open-postgres.js';
import type { Db } from '../src/store/db.js';
import { migrate } from '../src/store/migrate.js';

/**
 * Migrated with the migrations of `codeDir`, the checkout whose desk the bench runs: with this checkout's, a desk
 * started from another (--code) ran on this one's schema and SQL functions, not its own.
 */
export async function openBenchDatabase(serverUrl: string, codeDir: string): Promise<Db> {
  const name = `desk_bench_${process.pid}`;
  await admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  await admin(serverUrl, `CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  const db = openPostgres(url.toString(), { max: 10, applicationName: 'mention-desk-bench' });
  await migrate(db, join(codeDir, 'migrations'));
  return { ...db, close: () => db.close().then(() => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`)) };
}

async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
