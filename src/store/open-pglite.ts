// Owns embedded PostgreSQL: PGlite in a local folder (or in memory), used in-process through its
// own query API, which runs one statement or one transaction at a time. Same migrations, same SQL.
import fs from 'node:fs';
import path from 'node:path';
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm';
import { PGlite, types } from '@electric-sql/pglite';
import type { Db } from './db.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { createPgliteDb } from './pglite-db.js';

export const PGLITE_MEMORY = 'memory://';

/**
 * Values come back as pg gives them, so repositories see one shape on either store: pg leaves
 * int8 (bigint, count(*)) as a string, where PGlite would make a number.
 */
const PG_COMPATIBLE_PARSERS = { [types.INT8]: (value: string) => value };

export interface PgliteOptions {
  /**
   * Start from this dump of a data folder (PGlite's dumpDataDir) instead of an empty one, skipping initdb: tests
   * start each database from one migrated image (test/helpers/pglite-image.ts).
   */
  readonly image?: Blob;
}

/** Starts PGlite in dataDir (created if missing) or in memory ('memory://'). */
export async function openPglite(dataDir: string, options: PgliteOptions = {}): Promise<Db> {
  const inMemory = dataDir === PGLITE_MEMORY;
  let lock: DataDirLock | null = null;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  let pglite: PGlite;
  try {
    pglite = await startPglite(dataDir, options.image);
  } catch (e) {
    lock?.release();
    throw e;
  }
  return createPgliteDb(pglite, {
    description: inMemory ? 'PGlite in memory' : `PGlite in ${path.resolve(dataDir)}`,
    async onClose() {
      await pglite.close().catch(() => {});
      lock?.release();
    },
  });
}

/** A dump of a new in-memory database after `prepare` has run on it (e.g. the migrations), for PgliteOptions.image. */
export async function pgliteImage(prepare: (db: Db) => Promise<unknown>): Promise<Blob> {
  const pglite = await startPglite(PGLITE_MEMORY);
  try {
    await prepare(createPgliteDb(pglite, { description: 'PGlite image', onClose: async () => {} }));
    return await pglite.dumpDataDir('none');
  } finally {
    await pglite.close().catch(() => {});
  }
}

function startPglite(dataDir: string, image?: Blob): Promise<PGlite> {
  // pg_trgm: the case search's trigram index (migration 0066), as on PostgreSQL.
  return PGlite.create({ dataDir, ...(image ? { loadDataDir: image } : {}), parsers: PG_COMPATIBLE_PARSERS, extensions: { pg_trgm } });
}
