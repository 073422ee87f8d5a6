// Owns applying migrations: in name order, each exactly once, each in its own transaction,
// recorded in schema_migrations; safe when several processes start at once.
import { StoreUnavailableError } from '../services/errors.js';
import type { Sql } from './db.js';
import { defaultMigrationsDir, readMigrationFiles, type MigrationFile } from './migration-files.js';

// A transaction-scoped advisory lock serialises migrators on PostgreSQL. On PGlite every
// connection shares one backend, so a session-level advisory lock would be granted to all
// of them (checked); transactions are serialised there instead, which is enough because the
// check and the apply happen inside one transaction.
const MIGRATION_LOCK = 7_468_201;

const CREATE_TABLE = `
  CREATE TABLE IF NOT EXISTS schema_migrations (
    name       text PRIMARY KEY,
    checksum   text NOT NULL,
    applied_at timestamptz NOT NULL DEFAULT now()
  )`;

/** Applies what is missing; returns the names applied by this call (empty when up to date). */
export async function migrate(db: Sql, dir: string = defaultMigrationsDir()): Promise<string[]> {
  const files = readMigrationFiles(dir);
  await db.transaction(async (tx) => {
    await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
    await tx.query(CREATE_TABLE);
  });
  const applied: string[] = [];
  for (const file of files) {
    if (await applyOnce(db, file)) applied.push(file.name);
  }
  return applied;
}

/** Files not yet recorded as applied (for readiness); all of them when the table is missing. */
export async function pendingMigrations(db: Sql, dir: string = defaultMigrationsDir()): Promise<string[]> {
  const files = readMigrationFiles(dir);
  const table = await db.query<{ exists: boolean }>(`SELECT to_regclass('schema_migrations') IS NOT NULL AS exists`);
  if (!table.rows[0]?.exists) return files.map((f) => f.name);
  const done = await db.query<{ name: string }>('SELECT name FROM schema_migrations');
  const names = new Set(done.rows.map((r) => r.name));
  return files.filter((f) => !names.has(f.name)).map((f) => f.name);
}

async function applyOnce(db: Sql, file: MigrationFile): Promise<boolean> {
  try {
    return await db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock($1)', [MIGRATION_LOCK]);
      const seen = await tx.query<{ checksum: string }>('SELECT checksum FROM schema_migrations WHERE name = $1', [file.name]);
      const recorded = seen.rows[0];
      if (recorded) {
        if (recorded.checksum !== file.checksum) {
          throw new Error(`${file.name} changed after it was applied; migrations are forward only: revert the edit and add a new migration`);
        }
        return false;
      }
      // No parameters: pg sends it as a simple query, so a file may hold many statements.
      await tx.query(file.sql);
      await tx.query('INSERT INTO schema_migrations (name, checksum) VALUES ($1, $2)', [file.name, file.checksum]);
      return true;
    });
  } catch (e) {
    if (e instanceof StoreUnavailableError) throw e;
    const message = e instanceof Error ? e.message : String(e);
    throw new Error(`migration ${file.name} failed: ${message}`, { cause: e });
  }
}
