// npm run migrate and npm run audit:verify, run as the processes an operator would start.
import { execFile } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { unitOfWork } from '../../../src/store/create-pg-store.js';
import type { Db } from '../../../src/store/db.js';
import { openDatabase, type DatabaseOptions } from '../../../src/store/open-database.js';
import { entryPointArgs } from '../../helpers/entry-point.js';
import { openTestDatabase, testDatabaseKind } from '../../helpers/test-database.js';
import { claimedEvent, seedCase } from './store-fixtures.js';

const run = promisify(execFile);
const root = path.resolve(import.meta.dirname, '../../..');
let options: DatabaseOptions;
let cleanup: () => Promise<void>;

beforeAll(async () => {
  if ((await testDatabaseKind()) === 'postgres') {
    const db = await openTestDatabase({ migrate: false });
    options = { databaseUrl: String(db.connectionString), dataDir: '' };
    cleanup = () => db.close();
  } else {
    // PGlite allows one process per folder: the CLI gets a folder no one else has open.
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-cli-'));
    options = { dataDir };
    cleanup = async () => fs.rmSync(dataDir, { recursive: true, force: true });
  }
});
afterAll(async () => cleanup?.());

async function cli(script: string): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, DATABASE_URL: options.databaseUrl ?? '', DESK_DATA_DIR: options.dataDir };
  try {
    const { stdout, stderr } = await run(process.execPath, entryPointArgs(path.join('src/cli', script)), { cwd: root, env });
    return { code: 0, stdout, stderr };
  } catch (e) {
    const failed = e as { code: number; stdout: string; stderr: string };
    return { code: failed.code, stdout: failed.stdout, stderr: failed.stderr };
  }
}

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const db = await openDatabase(options);
  try {
    return await work(db);
  } finally {
    await db.close();
  }
}

describe('the store CLIs', () => {
  it('audit:verify says there is no event log before migrating', async () => {
    const result = await cli('audit-verify.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/no event log here yet \(run npm run migrate/);
  });

  it('migrate applies every migration, then reports nothing to do', async () => {
    const first = await cli('migrate.ts');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/applied 0001_create_core_tables\.sql/);
    const second = await cli('migrate.ts');
    expect(second).toMatchObject({ code: 0 });
    expect(second.stdout).toMatch(/up to date, nothing to apply/);
  });

  it('audit:verify prints the count of an intact chain', async () => {
    await withDb(async (db) => {
      const uow = unitOfWork(db);
      const { case: c } = await seedCase(uow);
      await uow.events.append([claimedEvent(c)]);
    });
    const result = await cli('audit-verify.ts');
    expect(result).toMatchObject({ code: 0 });
    expect(result.stdout).toMatch(/^chain intact: 2 events/);
  });

  it('audit:verify names the first bad event and exits 1', async (ctx) => {
    const tampered = await withDb(async (db) => {
      const role = await db.query<{ rolsuper: boolean }>('SELECT rolsuper FROM pg_roles WHERE rolname = current_user');
      if (!role.rows[0]?.rolsuper) return false;
      await db.transaction(async (tx) => {
        await tx.query('ALTER TABLE events DISABLE TRIGGER ALL');
        await tx.query(`UPDATE events SET body = jsonb_set(body, '{actor,name}', '"Someone Else"') WHERE seq = 2`);
        await tx.query('ALTER TABLE events ENABLE TRIGGER ALL');
      });
      return true;
    });
    if (!tampered) ctx.skip('the database role is not a superuser, so it cannot go around the append-only trigger');
    const result = await cli('audit-verify.ts');
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/chain broken at event seq 2 .*content hash mismatch/);
    expect(result.stderr).toMatch(/1 events before it verified intact/);
  });
});
