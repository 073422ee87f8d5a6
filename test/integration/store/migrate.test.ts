// Migrations: applied in order, each once, recorded; safe when two processes start together.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createPgStore } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { defaultMigrationsDir, readMigrationFiles } from '../../../src/store/migration-files.js';
import { migrate, pendingMigrations } from '../../../src/store/migrate.js';
import { openTestDatabase } from '../../helpers/test-database.js';

const ALL = readMigrationFiles(defaultMigrationsDir()).map((f) => f.name);
let db: Db;
const secondHandles: Db[] = [];

beforeAll(async () => {
  db = await openTestDatabase({ migrate: false });
});
afterAll(async () => db?.close());
afterEach(async () => {
  for (const handle of secondHandles) await handle.close();
  secondHandles.length = 0;
});

/** Empty again: cheaper than a new database (a PGlite start is seconds). */
async function fresh(): Promise<Db> {
  await db.query('DROP SCHEMA public CASCADE; CREATE SCHEMA public;');
  return db;
}

describe('migrate', () => {
  it('applies every migration in name order the first time and nothing the second', async () => {
    const db = await fresh();
    expect(ALL[0]).toBe('0001_create_core_tables.sql');
    expect(await migrate(db)).toEqual(ALL);
    expect(await migrate(db)).toEqual([]);
    const recorded = await db.query<{ name: string }>('SELECT name FROM schema_migrations ORDER BY name');
    expect(recorded.rows.map((r) => r.name)).toEqual(ALL);
  });

  it('lets two handles race on an empty database: each migration applied by exactly one', async () => {
    const first = await fresh();
    const second = first.openSecondHandle();
    secondHandles.push(second);
    const [a, b] = await Promise.all([migrate(first), migrate(second)]);
    expect([...a, ...b].sort()).toEqual(ALL);
    const recorded = await first.query<{ n: number }>('SELECT count(*)::int AS n FROM schema_migrations');
    expect(recorded.rows[0]?.n).toBe(ALL.length);
  });

  it('refuses to run when an applied migration was edited afterwards', async () => {
    const db = await fresh();
    await migrate(db);
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-migrations-'));
    try {
      for (const name of ALL) fs.copyFileSync(path.join(defaultMigrationsDir(), name), path.join(dir, name));
      fs.appendFileSync(path.join(dir, ALL[0]!), '\n-- an innocent-looking edit\n');
      await expect(migrate(db, dir)).rejects.toThrow(/0001_create_core_tables\.sql changed after it was applied/);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('rolls back a failing migration as a whole and names it', async () => {
    const db = await fresh();
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-migrations-'));
    try {
      fs.writeFileSync(path.join(dir, '0001_create_widgets.sql'), 'CREATE TABLE widgets (id int);\nSELECT no_such_function();\n');
      await expect(migrate(db, dir)).rejects.toThrow(/migration 0001_create_widgets\.sql failed/);
      const table = await db.query<{ present: boolean }>(`SELECT to_regclass('widgets') IS NOT NULL AS present`);
      expect(table.rows[0]?.present).toBe(false);
      expect(await pendingMigrations(db, dir)).toEqual(['0001_create_widgets.sql']);
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });

  it('makes the store ready only once every migration is applied', async () => {
    const db = await fresh();
    const store = createPgStore(db);
    const before = await store.ready();
    expect(before.ok).toBe(false);
    expect(before.detail).toMatch(/migrations not applied: 0001_create_core_tables\.sql/);
    await migrate(db);
    expect(await store.ready()).toMatchObject({ ok: true });
  });
});
