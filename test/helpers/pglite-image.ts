// Owns the migrated PGlite image tests start from: starting PGlite runs initdb and the migrations then replay in
// WebAssembly, ~3 s a database on these machines and seconds more when they are busy; loading a dump of a migrated
// database skips both. Built once per set of migrations and kept in the temp folder, so each test process (vitest
// runs every file in its own) reads it instead of building it again.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { migrate } from '../../src/store/migrate.js';
import { pgliteImage } from '../../src/store/open-pglite.js';
import { migrationsKey } from './migrations-key.js';

let image: Promise<Blob> | null = null;

/** A dump of an empty database with every migration applied. */
export function migratedPgliteImage(): Promise<Blob> {
  image ??= loadOrBuild();
  return image;
}

async function loadOrBuild(): Promise<Blob> {
  const file = path.join(os.tmpdir(), `mention-desk-pglite-${imageKey()}.tar`);
  try {
    return new Blob([fs.readFileSync(file)]);
  } catch {
    // Not built yet for these migrations: build it (two processes may both build; each renames a whole file into place).
  }
  const built = await pgliteImage((db) => migrate(db));
  const partial = `${file}.${process.pid}.partial`;
  fs.writeFileSync(partial, Buffer.from(await built.arrayBuffer()));
  fs.renameSync(partial, file);
  return built;
}

/** Changes whenever a migration or the PGlite version does, so a stale image is never used. */
function imageKey(): string {
  return migrationsKey(`pglite ${pgliteVersion()}`);
}

/** PGlite's package.json is not in its exports: found from its entry point. */
function pgliteVersion(): string {
  let dir = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
  while (!fs.existsSync(path.join(dir, 'package.json'))) dir = path.dirname(dir);
  return String((JSON.parse(fs.readFileSync(path.join(dir, 'package.json'), 'utf8')) as { version?: unknown }).version);
}
