// Owns giving an integration test file its own migrated, empty database on the backend
// DESK_TEST_DB names: 'postgres' (a fresh database on a real server, dropped on close) or
// 'pglite' (embedded, in memory). Unset: 'postgres' if the server answers, else 'pglite'.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import type { Db, DbKind } from '../../src/store/db.js';
import { migrate } from '../../src/store/migrate.js';
import { openPglite, PGLITE_MEMORY } from '../../src/store/open-pglite.js';
import { openPostgres } from '../../src/store/open-postgres.js';
import { migratedPgliteImage } from './pglite-image.js';
import { copyDatabase, databaseUrl, migratedTemplate } from './postgres-template.js';

const DEFAULT_SERVER = 'postgres://postgres@127.0.0.1:5432/test';

/** The server test databases are created on: TEST_DATABASE_URL, else DATABASE_URL, else local. */
export function testServerUrl(env: NodeJS.ProcessEnv = process.env): string {
  return env.TEST_DATABASE_URL || env.DATABASE_URL || DEFAULT_SERVER;
}

let decided: Promise<DbKind> | null = null;

/** Which backend this run tests; decided once per process. */
export function testDatabaseKind(): Promise<DbKind> {
  decided ??= decideKind();
  return decided;
}

async function decideKind(): Promise<DbKind> {
  const wanted = process.env.DESK_TEST_DB?.trim();
  if (wanted === 'postgres' || wanted === 'pglite') return wanted;
  if (wanted) throw new Error(`DESK_TEST_DB must be 'postgres' or 'pglite', not '${wanted}'`);
  // Unset: prefer the real server when there is one, so a plain `npm test` covers it.
  const client = new pg.Client({ connectionString: testServerUrl(), connectionTimeoutMillis: 1_500 });
  try {
    await client.connect();
    return 'postgres';
  } catch {
    return 'pglite';
  } finally {
    await client.end().catch(() => {});
  }
}

export interface TestDatabaseOptions {
  /** false: an empty database with no tables, for migration tests. */
  readonly migrate?: boolean;
}

/** A migrated, empty database of its own; close() drops it (postgres) or discards it (pglite). */
export async function openTestDatabase(options: TestDatabaseOptions = {}): Promise<Db> {
  const kind = await testDatabaseKind();
  const migrated = options.migrate ?? true;
  if (kind === 'postgres') {
    const db = await createPostgresDatabase(migrated);
    // Finds every migration applied when copied from the template (a few reads), as a desk checks at start.
    if (migrated) await migrate(db);
    return db;
  }
  if (!migrated) return openPglite(PGLITE_MEMORY);
  const db = await openPglite(PGLITE_MEMORY, { image: await migratedPgliteImage() });
  // Finds every migration applied (a few reads): the same check a desk makes at start, and a guard on the image.
  await migrate(db);
  return db;
}

async function createPostgresDatabase(migrated: boolean): Promise<Db> {
  const serverUrl = testServerUrl();
  const name = `desk_test_${process.pid}_${randomBytes(4).toString('hex')}`;
  if (migrated) await copyDatabase(serverUrl, name, await migratedTemplate(serverUrl));
  else await admin(serverUrl, `CREATE DATABASE ${name}`);
  const db = openPostgres(databaseUrl(serverUrl, name), { max: 10, applicationName: 'mention-desk-test' });
  let dropped: Promise<void> | null = null;
  return {
    ...db,
    close() {
      // WITH (FORCE) (PostgreSQL 13+) ends any second handle a failed test left open.
      dropped ??= db.close().then(() => admin(serverUrl, `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`));
      return dropped;
    },
  };
}

/** One statement on the server's maintenance connection (CREATE/DROP DATABASE). */
export async function admin(serverUrl: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: serverUrl, connectionTimeoutMillis: 5_000 });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
