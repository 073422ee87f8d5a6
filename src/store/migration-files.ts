// Owns finding and reading migrations/NNNN_verb_noun.sql: order, checksums, the default folder.
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export interface MigrationFile {
  readonly name: string;
  readonly sql: string;
  /** sha256 of the file (line endings normalised), to catch a migration edited after it ran. */
  readonly checksum: string;
}

const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;

export function readMigrationFiles(dir: string): MigrationFile[] {
  const names = fs.readdirSync(dir).filter((n) => n.endsWith('.sql')).sort();
  const misnamed = names.filter((n) => !MIGRATION_NAME.test(n));
  if (misnamed.length > 0) {
    throw new Error(`migration files must be named NNNN_verb_noun.sql; rename ${misnamed.join(', ')} in ${dir}`);
  }
  const numbers = names.map((n) => n.slice(0, 4));
  const twice = numbers.find((n, i) => numbers.indexOf(n) !== i);
  if (twice) throw new Error(`two migrations share the number ${twice} in ${dir}: renumber the newer one`);
  return names.map((name) => {
    const sql = fs.readFileSync(path.join(dir, name), 'utf8').replace(/\r\n/g, '\n');
    return { name, sql, checksum: createHash('sha256').update(sql).digest('hex') };
  });
}

/** The repository's migrations/ folder, found from this module whether run from src/ or dist/. */
export function defaultMigrationsDir(): string {
  let dir = path.dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 5; i++) {
    const candidate = path.join(dir, 'migrations');
    if (fs.existsSync(path.join(dir, 'package.json')) && fs.existsSync(candidate)) return candidate;
    dir = path.dirname(dir);
  }
  throw new Error('cannot find the migrations/ folder next to package.json');
}
