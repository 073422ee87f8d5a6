// Owns naming a set of migrations: a prepared database (PGlite image, PostgreSQL template) is reused only while the
// migrations it was made from are exactly the ones in the folder.
import { createHash } from 'node:crypto';
import { defaultMigrationsDir, readMigrationFiles } from '../../src/store/migration-files.js';

/** 16 hex digits that change with any migration's name or content, and with `extra` (e.g. a library's version). */
export function migrationsKey(extra = ''): string {
  const hash = createHash('sha256').update(extra);
  for (const file of readMigrationFiles(defaultMigrationsDir())) hash.update(`\0${file.name}\0${file.checksum}`);
  return hash.digest('hex').slice(0, 16);
}
