// Owns embedded PostgreSQL: PGlite behind pglite-socket on a private unix socket, reached
// through the same pg Pool and the same SQL as a real server.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PGlite } from '@electric-sql/pglite';
import { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { createDb, type Db } from './db.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';

export const PGLITE_MEMORY = 'memory://';

export interface OpenPgliteOptions {
  /**
   * Pool size. PGlite is one backend: the socket server runs one protocol message at a time
   * and, while a client is inside a transaction, only that client's messages (checked:
   * transactions from separate clients never interleave). More than one client still helps
   * because a client waiting on the app doesn't block the others; 4 measured fastest here.
   */
  readonly poolSize?: number;
}

/** Starts PGlite in dataDir (created if missing) or in memory ('memory://'). */
export async function openPglite(dataDir: string, options: OpenPgliteOptions = {}): Promise<Db> {
  const inMemory = dataDir === PGLITE_MEMORY;
  let lock: DataDirLock | null = null;
  if (!inMemory) {
    fs.mkdirSync(dataDir, { recursive: true });
    lock = lockDataDir(dataDir);
  }
  // A unix socket in a private (0700) temp folder: no TCP port any local process could reach,
  // since PGlite accepts any user without a password.
  const socketDir = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-pglite-'));
  let pglite: PGlite | null = null;
  let server: PGLiteSocketServer | null = null;
  const shutdown = async () => {
    await server?.stop().catch(() => {});
    await pglite?.close().catch(() => {});
    fs.rmSync(socketDir, { recursive: true, force: true });
    lock?.release();
  };
  try {
    pglite = await PGlite.create(inMemory ? PGLITE_MEMORY : dataDir);
    // Extra connections beyond our pool: tests open second handles, and npm run migrate
    // in-process shares this server.
    server = new PGLiteSocketServer({ db: pglite, path: path.join(socketDir, '.s.PGSQL.5432'), maxConnections: 64 });
    await server.start();
  } catch (e) {
    await shutdown();
    throw e;
  }
  const poolSize = options.poolSize ?? 4;
  return createDb(
    { host: socketDir, port: 5432, user: 'postgres', database: 'postgres', max: poolSize },
    {
      kind: 'pglite',
      description: inMemory ? 'PGlite in memory' : `PGlite in ${path.resolve(dataDir)}`,
      onClose: shutdown,
    },
  );
}
